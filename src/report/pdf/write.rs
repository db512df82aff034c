//! Report, PDF writing: a finished lopdf document as the bytes of a PDF file, its small
//! objects in compressed object streams and its cross-reference in a stream — the file
//! lopdf's `save_modern` writes, byte for byte (a test holds the two equal on real
//! reports). lopdf writes each object of an object stream three times over and copies it
//! once; a report has some 850 of them (the structure tree), and that was a third of the
//! time a report's PDF took. Here each object is written once.

use std::collections::BTreeMap;
use std::io::Write;

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// Objects per object stream, as lopdf's default.
const PER_STREAM: usize = 100;

/// Where an object is: at an offset in the file, or the n-th in an object stream.
enum Entry {
    InFile(usize),
    Packed { stream: u32, index: usize },
}

/// The document as a PDF file (PDF 1.5 or later: object and cross-reference streams).
pub fn to_bytes(doc: &Document) -> anyhow::Result<Vec<u8>> {
    anyhow::ensure!(
        doc.binary_mark.iter().all(|b| *b >= 128),
        "PDF-filens binära märke är ogiltigt"
    );
    let mut out = format!("%PDF-{}\n%", doc.version).into_bytes();
    out.extend_from_slice(&doc.binary_mark);
    out.push(b'\n');
    let mut entries: BTreeMap<u32, Entry> = BTreeMap::new();
    let (packed, direct): (Vec<_>, Vec<_>) = doc
        .objects
        .iter()
        .filter(|(_, object)| !has_type(object, b"ObjStm"))
        .partition(|(id, object)| can_be_packed(doc, **id, object));
    for (&id, object) in direct {
        entries.insert(id.0, Entry::InFile(out.len()));
        write_indirect(&mut out, id, object);
    }
    let xref_id = write_object_streams(&mut out, &mut entries, &packed, doc.max_id + 1)?;
    write_xref_stream(&mut out, &mut entries, &doc.trailer, xref_id)?;
    Ok(out)
}

/// Writes `packed` in object streams of [`PER_STREAM`] objects, numbered from `first_id`.
/// Returns the next free id.
fn write_object_streams(
    out: &mut Vec<u8>,
    entries: &mut BTreeMap<u32, Entry>,
    packed: &[(&ObjectId, &Object)],
    first_id: u32,
) -> anyhow::Result<u32> {
    let mut next_id = first_id;
    for objects in packed.chunks(PER_STREAM) {
        for (index, ((id, _), _)) in objects.iter().enumerate() {
            entries.insert(
                *id,
                Entry::Packed {
                    stream: next_id,
                    index,
                },
            );
        }
        entries.insert(next_id, Entry::InFile(out.len()));
        let (dict, content) = object_stream(objects)?;
        write_stream_object(out, (next_id, 0), &dict, &content);
        next_id += 1;
    }
    Ok(next_id)
}

/// Writes the cross-reference stream (object `xref_id`, its dictionary the trailer's) and
/// the file's end.
fn write_xref_stream(
    out: &mut Vec<u8>,
    entries: &mut BTreeMap<u32, Entry>,
    trailer: &Dictionary,
    xref_id: u32,
) -> anyhow::Result<()> {
    let xref_start = out.len();
    entries.insert(xref_id, Entry::InFile(xref_start));
    let (content, index) = xref_stream(entries)?;
    let mut trailer = trailer.clone();
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", i64::from(xref_id) + 1);
    trailer.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(4),
            Object::Integer(2),
        ]),
    );
    trailer.set("Index", Object::Array(index));
    trailer.remove(b"Filter");
    trailer.set("Length", content.len() as i64);
    write_stream_object(out, (xref_id, 0), &trailer, &content);
    write!(out, "\nstartxref\n{xref_start}\n%%EOF")?;
    Ok(())
}

/// Whether an object may go into an object stream: not a stream, generation 0, not the
/// encryption dictionary, not a cross-reference stream (lopdf's rules; a report is never
/// linearized, so the catalog may go in too).
fn can_be_packed(doc: &Document, id: ObjectId, object: &Object) -> bool {
    let encryption = doc
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .ok();
    !matches!(object, Object::Stream(_))
        && id.1 == 0
        && encryption != Some(id)
        && !has_type(object, b"XRef")
}

fn has_type(object: &Object, name: &[u8]) -> bool {
    let dict = match object {
        Object::Dictionary(dict) => dict,
        Object::Stream(stream) => &stream.dict,
        _ => return false,
    };
    dict.get(b"Type")
        .and_then(Object::as_name)
        .is_ok_and(|n| n == name)
}

/// An object stream of `objects` (in id order): its dictionary and compressed content, the
/// offsets of the objects first, then the objects, each followed by a space.
fn object_stream(objects: &[(&ObjectId, &Object)]) -> anyhow::Result<(Dictionary, Vec<u8>)> {
    let mut body = Vec::new();
    let mut table = String::new();
    for ((number, _), object) in objects {
        table.push_str(&format!("{number} {} ", body.len()));
        write_object(&mut body, object);
        body.push(b' ');
    }
    let first = table.len();
    let mut content = table.into_bytes();
    content.extend_from_slice(&body);
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&content)?;
    let packed = encoder.finish()?;
    // Keys in lopdf's order: its dictionary, then Length (a new stream's), then Filter.
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"ObjStm".to_vec()));
    dict.set("N", objects.len() as i64);
    dict.set("First", first as i64);
    dict.set("Length", packed.len() as i64);
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    Ok((dict, packed))
}

/// The cross-reference stream's entries (type, 4-byte offset or stream, 2-byte generation
/// or index) and its Index: a pair (first id, count) per run of consecutive ids.
fn xref_stream(entries: &BTreeMap<u32, Entry>) -> anyhow::Result<(Vec<u8>, Vec<Object>)> {
    let mut content = Vec::with_capacity(entries.len() * 7);
    let mut index: Vec<(u32, i64)> = Vec::new();
    for (&id, entry) in entries.iter().filter(|(id, _)| **id > 0) {
        match index.last_mut() {
            Some((first, count)) if i64::from(*first) + *count == i64::from(id) => *count += 1,
            _ => index.push((id, 1)),
        }
        match entry {
            Entry::InFile(offset) => {
                content.push(1);
                content.extend_from_slice(&u32::try_from(*offset)?.to_be_bytes());
                content.extend_from_slice(&0_u16.to_be_bytes());
            }
            Entry::Packed { stream, index } => {
                content.push(2);
                content.extend_from_slice(&stream.to_be_bytes());
                content.extend_from_slice(&u16::try_from(*index)?.to_be_bytes());
            }
        }
    }
    let index = index
        .into_iter()
        .flat_map(|(first, count)| [Object::Integer(i64::from(first)), Object::Integer(count)])
        .collect();
    Ok((content, index))
}

fn write_indirect(out: &mut Vec<u8>, (number, generation): ObjectId, object: &Object) {
    let _ = writeln!(out, "{number} {generation} obj");
    if needs_separator(object) {
        out.push(b' ');
    }
    write_object(out, object);
    if needs_end_separator(object) {
        out.push(b' ');
    }
    out.extend_from_slice(b"\nendobj\n");
}

fn write_stream_object(out: &mut Vec<u8>, id: ObjectId, dict: &Dictionary, content: &[u8]) {
    let _ = writeln!(out, "{} {} obj", id.0, id.1);
    write_stream(out, dict, content);
    out.extend_from_slice(b" \nendobj\n");
}

/// Objects that need a space before them after a name or another such object.
fn needs_separator(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

fn needs_end_separator(object: &Object) -> bool {
    needs_separator(object) || matches!(object, Object::Name(_) | Object::Stream(_))
}

fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Object::Real(r) => {
            let _ = write!(out, "{r}");
        }
        Object::Name(name) => write_name(out, name),
        Object::String(text, format) => write_string(out, text, *format),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_separator(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => write_stream(out, &stream.dict, &stream.content),
        Object::Reference((number, generation)) => {
            let _ = write!(out, "{number} {generation} R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict {
        write_name(out, key);
        if needs_separator(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

fn write_stream(out: &mut Vec<u8>, dict: &Dictionary, content: &[u8]) {
    write_dictionary(out, dict);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream");
}

/// A name: white space, delimiters, `#` and bytes outside `!`–`~` as `#XX`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            let _ = write!(out, "#{byte:02X}");
        } else {
            out.push(byte);
        }
    }
}

/// A string: literal, with backslashes, carriage returns and unbalanced parentheses
/// escaped (as lopdf escapes them), or hexadecimal.
fn write_string(out: &mut Vec<u8>, text: &[u8], format: StringFormat) {
    match format {
        StringFormat::Literal => {
            let mut escaped = Vec::new();
            let mut open = Vec::new();
            for (i, byte) in text.iter().enumerate() {
                match byte {
                    b'(' => open.push(i),
                    b')' => {
                        let balanced = open.pop().is_some();
                        if !balanced {
                            escaped.push(i);
                        }
                    }
                    b'\\' | b'\r' => escaped.push(i),
                    _ => {}
                }
            }
            escaped.append(&mut open);
            out.push(b'(');
            for (i, &byte) in text.iter().enumerate() {
                if escaped.contains(&i) {
                    out.push(b'\\');
                    out.push(if byte == b'\r' { b'r' } else { byte });
                } else {
                    out.push(byte);
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            out.push(b'<');
            for byte in text {
                let _ = write!(out, "{byte:02X}");
            }
            out.push(b'>');
        }
    }
}

#[cfg(test)]
mod tests {
    use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

    /// lopdf's own file of the document, to hold this writer's against.
    fn lopdf_bytes(doc: &Document) -> Vec<u8> {
        let mut doc = doc.clone();
        let mut out = Vec::new();
        doc.save_modern(&mut out).unwrap();
        out
    }

    #[test]
    fn every_kind_of_object_is_written_as_lopdf_writes_it() {
        let mut doc = Document::with_version("1.7");
        let mut dict = Dictionary::new();
        dict.set("Null", Object::Null);
        dict.set("True", true);
        dict.set("Int", -42);
        dict.set("Real", 0.35_f32);
        dict.set("Odd name #(x)", Object::Name(b"A B/\xC5".to_vec()));
        let text = |t: &[u8]| Object::String(t.to_vec(), StringFormat::Literal);
        dict.set(
            "Strings",
            Object::Array(vec![
                text(b"plain"),
                text(b"(balanced) and (open"),
                text(b"close) \\ back\rslash"),
                Object::String(vec![0, 0xAB, 0xFF], StringFormat::Hexadecimal),
                Object::Array(vec![]),
                Object::Integer(1),
                Object::Reference((7, 0)),
            ]),
        );
        let inner = doc.add_object(dict);
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Inner", Object::Reference(inner));
        let stream = doc.add_object(Stream::new(Dictionary::new(), b"q Q".to_vec()));
        catalog.set("Content", Object::Reference(stream));
        // More than one object stream's worth, and a gap in the ids.
        for i in 0..150 {
            doc.add_object(Object::Integer(i));
        }
        doc.objects.remove(&(40, 0));
        let root = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(root));
        assert_eq!(super::to_bytes(&doc).unwrap(), lopdf_bytes(&doc));
    }

    #[test]
    fn a_report_is_written_as_lopdf_writes_it() {
        let doc = crate::report::pdf::sample_document_for_tests();
        assert_eq!(super::to_bytes(&doc).unwrap(), lopdf_bytes(&doc));
    }
}
