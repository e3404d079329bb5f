-- What the load test checks, as one JSON object.
SELECT json_build_object(
    'rows', (SELECT count(*) FROM records),
    'errors', (SELECT count(*) FROM records WHERE doc ? 'error'),
    'figures', (SELECT count(*) FROM figures),
    'entities', (SELECT count(*) FROM entities),
    'sum', (SELECT coalesce(sum(value), 0) FROM figures),
    'last', (SELECT coalesce(json_agg(value ORDER BY ordinal), '[]')
             FROM figures
             WHERE line = (SELECT max(line) FROM records) AND ordinal <= 10)
);
