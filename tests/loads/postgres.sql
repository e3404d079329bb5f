-- newsx records in PostgreSQL: one jsonb document per line, and views
-- that unnest figures and entities. Load a file with
--   \copy records (doc) FROM 'out.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
-- (CSV with quote and delimiter bytes that JSON never holds raw, so the
-- line reaches jsonb as written: COPY's text format would undo the JSON's
-- backslash escapes).
CREATE TABLE records (
    line bigserial PRIMARY KEY,  -- the record's line in the file
    doc jsonb NOT NULL
);

-- One row per figure; value and value_max are exact numerics (jsonb
-- keeps JSON numbers as numeric, so 0.19 stays 0.19).
CREATE VIEW figures AS
SELECT r.line,
       r.doc ->> 'id' AS id,
       f.n AS ordinal,
       f.item ->> 'type' AS type,
       f.item ->> 'text' AS text,
       (f.item -> 'value')::numeric AS value,
       (f.item -> 'value_max')::numeric AS value_max,
       f.item ->> 'currency' AS currency,
       f.item ->> 'unit' AS unit,
       f.item ->> 'qualifier' AS qualifier,
       (f.item -> 'start')::bigint AS start,
       (f.item -> 'end')::bigint AS "end"
FROM records r,
     jsonb_array_elements(r.doc -> 'figures') WITH ORDINALITY AS f(item, n);

-- One row per entity mention.
CREATE VIEW entities AS
SELECT r.line,
       r.doc ->> 'id' AS id,
       e.n AS ordinal,
       e.item ->> 'type' AS type,
       e.item ->> 'text' AS text,
       e.item ->> 'name' AS name,
       e.item ->> 'id' AS entity_id,
       (e.item -> 'start')::bigint AS start,
       (e.item -> 'end')::bigint AS "end"
FROM records r,
     jsonb_array_elements(r.doc -> 'entities') WITH ORDINALITY AS e(item, n);
