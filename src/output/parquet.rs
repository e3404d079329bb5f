//! Apache Parquet: one row per record, typed columns.
//!
//! The columns come from [`crate::schema::columns`], mapped kind by kind:
//! a string is `Utf8`, a count `Int64`, an object a struct, a list a list
//! (`removed`, `entities` and `figures` are lists of structs, `stats` and
//! `error` structs, `sentences`/`tokens` lists of `[start, end]` lists).
//! An exact decimal (`value`, `value_max`) is a `Float64` column, the
//! nearest double, and beside it `value_exact`/`value_max_exact`, its
//! exact text as JSON wrote it, since the exact number is part of the
//! record's contract. A key the record leaves out is null; so are the
//! document columns of an error record.
//!
//! Rows are built from the JSONL lines the other formats write, so they
//! hold the same values. Lines are buffered until they reach
//! [`ROW_GROUP_BYTES`], then become one row group: memory stays bounded
//! by that (or by the one record that exceeds it) whatever the run's size.
//! Column chunks are zstd-compressed.

use std::collections::HashMap;
use std::io;
use std::sync::Arc;

use arrow_array::{
    ArrayRef, Float64Array, Int64Array, ListArray, RecordBatch, StringArray,
    StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field as Column, Fields, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use serde_json::value::RawValue;

use super::{Destination, Encoder};
use crate::schema::{self, Field, Kind, Presence};

/// JSONL bytes buffered before they are written as one row group.
pub const ROW_GROUP_BYTES: usize = 32 << 20;

/// The Parquet encoder.
pub struct Parquet {
    writer: ArrowWriter<Destination>,
    schema: Arc<Schema>,
    /// Complete lines not yet written, and the start of an incomplete one.
    buffer: Vec<u8>,
    /// The length of the buffer's complete lines.
    complete: usize,
}

impl Parquet {
    /// A Parquet file written to `destination`.
    pub fn new(destination: Destination) -> io::Result<Parquet> {
        let schema = Arc::new(arrow_schema());
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_size(usize::MAX)
            .set_created_by(format!("newsx {}", crate::cli::VERSION))
            .build();
        let writer =
            ArrowWriter::try_new(destination, schema.clone(), Some(props))
                .map_err(io::Error::other)?;
        Ok(Parquet {
            writer,
            schema,
            buffer: Vec::new(),
            complete: 0,
        })
    }

    /// Writes the complete lines of the buffer as one row group.
    fn write_rows(&mut self) -> io::Result<()> {
        if self.complete == 0 {
            return Ok(());
        }
        let batch = batch(&self.schema, &self.buffer[..self.complete])?;
        self.writer.write(&batch).map_err(io::Error::other)?;
        self.writer.flush().map_err(io::Error::other)?;
        self.buffer.drain(..self.complete);
        self.complete = 0;
        Ok(())
    }
}

impl Encoder for Parquet {
    /// A large record arrives in many small pieces: only each new piece
    /// is searched for the end of a line.
    fn write(&mut self, lines: &[u8]) -> io::Result<()> {
        if let Some(end) = lines.iter().rposition(|&b| b == b'\n') {
            self.complete = self.buffer.len() + end + 1;
        }
        self.buffer.extend_from_slice(lines);
        if self.complete >= ROW_GROUP_BYTES {
            self.write_rows()?;
        }
        Ok(())
    }

    /// A Parquet file is readable only once its footer is written.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Destination> {
        self.write_rows()?;
        if !self.buffer.is_empty() {
            return Err(io::Error::other("the last record has no end of line"));
        }
        self.writer.into_inner().map_err(io::Error::other)
    }
}

/// The Arrow schema of the rows.
pub fn arrow_schema() -> Schema {
    let columns: Vec<Column> = schema::columns()
        .flat_map(|f| columns_of(f, true))
        .collect();
    Schema::new(columns)
}

/// The column(s) of one field: two for a decimal (the double and its
/// exact text). Top-level columns are all nullable (an error record leaves
/// the document's empty).
fn columns_of(field: &Field, top: bool) -> Vec<Column> {
    let nullable = top || field.presence != Presence::Always;
    let column = Column::new(field.name, data_type(&field.kind), nullable);
    match field.kind {
        Kind::Decimal => {
            let exact = format!("{}_exact", field.name);
            vec![column, Column::new(exact, DataType::Utf8, nullable)]
        }
        _ => vec![column],
    }
}

fn data_type(kind: &Kind) -> DataType {
    match kind {
        Kind::Str => DataType::Utf8,
        Kind::Count => DataType::Int64,
        Kind::Decimal => DataType::Float64,
        Kind::Object(fields) => DataType::Struct(struct_fields(fields)),
        Kind::List(item) => DataType::List(Arc::new(item_column(item))),
        Kind::Pairs => data_type(&PAIRS),
    }
}

/// `[start, end]` pairs, typed as a list of lists of counts.
const PAIRS: Kind = Kind::List(&Kind::List(&Kind::Count));

fn struct_fields(fields: &[Field]) -> Fields {
    fields.iter().flat_map(|f| columns_of(f, false)).collect()
}

fn item_column(item: &Kind) -> Column {
    Column::new("item", data_type(item), false)
}

/// The rows of `lines` (complete JSONL lines) as a batch.
fn batch(schema: &Arc<Schema>, lines: &[u8]) -> io::Result<RecordBatch> {
    let text = std::str::from_utf8(lines).map_err(invalid)?;
    let records: Vec<Json> = text
        .lines()
        .map(|line| serde_json::from_str::<&RawValue>(line).map(Some))
        .collect::<Result<_, _>>()
        .map_err(invalid)?;
    let fields: Vec<&Field> = schema::columns().collect();
    let (_, arrays) = object_children(&fields, &records)?;
    RecordBatch::try_new(schema.clone(), arrays).map_err(io::Error::other)
}

/// A JSON value as written, or `None` for an absent key or `null`.
type Json<'a> = Option<&'a RawValue>;

/// The array of one kind from the values of the rows.
fn array(kind: &Kind, values: &[Json]) -> io::Result<ArrayRef> {
    Ok(match kind {
        Kind::Str => Arc::new(
            values
                .iter()
                .map(|v| {
                    v.map(|r| serde_json::from_str::<String>(r.get()))
                        .transpose()
                })
                .collect::<Result<StringArray, _>>()
                .map_err(invalid)?,
        ),
        Kind::Count => Arc::new(
            values
                .iter()
                .map(|v| v.map(|r| r.get().parse::<i64>()).transpose())
                .collect::<Result<Int64Array, _>>()
                .map_err(invalid)?,
        ),
        Kind::Decimal => Arc::new(
            values
                .iter()
                .map(|v| v.map(|r| r.get().parse::<f64>()).transpose())
                .collect::<Result<Float64Array, _>>()
                .map_err(invalid)?,
        ),
        Kind::Object(fields) => {
            let fields: Vec<&Field> = fields.iter().collect();
            let (nulls, arrays) = object_children(&fields, values)?;
            let columns = struct_fields_of(&fields);
            Arc::new(
                StructArray::try_new(columns, arrays, Some(nulls))
                    .map_err(io::Error::other)?,
            )
        }
        Kind::List(item) => list(item, values)?,
        Kind::Pairs => array(&PAIRS, values)?,
    })
}

fn struct_fields_of(fields: &[&Field]) -> Fields {
    fields.iter().flat_map(|f| columns_of(f, false)).collect()
}

/// The child arrays of objects, one per column (two for a decimal), and
/// which objects are there.
fn object_children(
    fields: &[&Field],
    values: &[Json],
) -> io::Result<(NullBuffer, Vec<ArrayRef>)> {
    let objects: Vec<Option<HashMap<&str, &RawValue>>> = values
        .iter()
        .map(|v| v.map(|r| serde_json::from_str(r.get())).transpose())
        .collect::<Result<_, _>>()
        .map_err(invalid)?;
    let nulls = NullBuffer::from_iter(objects.iter().map(Option::is_some));
    let mut arrays = Vec::new();
    for field in fields {
        let children: Vec<Json> = objects
            .iter()
            .map(|o| o.as_ref().and_then(|o| o.get(field.name).copied()))
            .map(|v| v.filter(|r| r.get() != "null"))
            .collect();
        arrays.push(array(&field.kind, &children)?);
        if let Kind::Decimal = field.kind {
            arrays.push(exact(&children));
        }
    }
    Ok((nulls, arrays))
}

/// The exact text of decimals, as JSON wrote them.
fn exact(values: &[Json]) -> ArrayRef {
    Arc::new(
        values
            .iter()
            .map(|v| v.map(|r| r.get()))
            .collect::<StringArray>(),
    )
}

/// A list array: the lists' items flattened into one child array.
fn list(item: &Kind, values: &[Json]) -> io::Result<ArrayRef> {
    let lists: Vec<Option<Vec<&RawValue>>> = values
        .iter()
        .map(|v| v.map(|r| serde_json::from_str(r.get())).transpose())
        .collect::<Result<_, _>>()
        .map_err(invalid)?;
    let lengths = lists.iter().map(|l| l.as_ref().map_or(0, Vec::len));
    let offsets = OffsetBuffer::<i32>::from_lengths(lengths);
    let nulls = NullBuffer::from_iter(lists.iter().map(Option::is_some));
    let items: Vec<Json> =
        lists.iter().flatten().flatten().map(|r| Some(*r)).collect();
    let child = array(item, &items)?;
    let column = Arc::new(item_column(item));
    Ok(Arc::new(
        ListArray::try_new(column, offsets, child, Some(nulls))
            .map_err(io::Error::other)?,
    ))
}

fn invalid(err: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;

    #[test]
    fn decimals_get_a_double_and_their_exact_text() {
        let schema = arrow_schema();
        let figures = schema.field_with_name("figures").unwrap();
        let DataType::List(item) = figures.data_type() else {
            panic!("figures is a list: {figures:?}");
        };
        let DataType::Struct(fields) = item.data_type() else {
            panic!("a figure is a struct");
        };
        let names: Vec<&str> =
            fields.iter().map(|f| f.name().as_str()).collect();
        assert_eq!(
            &names[..6],
            [
                "type",
                "text",
                "value",
                "value_exact",
                "value_max",
                "value_max_exact"
            ]
        );
        assert_eq!(fields[2].data_type(), &DataType::Float64);
    }

    #[test]
    fn rows_hold_the_values_of_the_lines() {
        let lines = concat!(
            r#"{"id":"a","path":"p","title":null,"text":"Half.","removed":[],"#,
            r#""stats":{"bytes":5,"encoding":"utf-8","words":1,"sentences":1,"#,
            r#""paragraphs":1},"entities":[],"figures":[{"type":"fraction","#,
            r#""text":"Half","value":0.5,"start":0,"end":4}]}"#,
            "\n",
            r#"{"id":null,"path":"q","error":{"kind":"empty","message":"m"}}"#,
            "\n"
        );
        let schema = Arc::new(arrow_schema());
        let batch = batch(&schema, lines.as_bytes()).unwrap();
        assert_eq!(batch.num_rows(), 2);
        let figures = batch.column_by_name("figures").unwrap();
        let figures = figures.as_any().downcast_ref::<ListArray>().unwrap();
        assert!(figures.is_null(1), "an error record has no figures");
        let first = figures.value(0);
        let first = first.as_any().downcast_ref::<StructArray>().unwrap();
        let value = first.column_by_name("value").unwrap();
        let value = value.as_any().downcast_ref::<Float64Array>().unwrap();
        assert_eq!(value.value(0), 0.5);
        let exact = first.column_by_name("value_exact").unwrap();
        let exact = exact.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(exact.value(0), "0.5");
        let text = batch.column_by_name("text").unwrap();
        assert!(text.is_null(1));
    }
}
