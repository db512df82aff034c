//! Report, PDF archiving: what printpdf leaves to us for PDF/A-2b — XMP metadata naming the
//! conformance level, and an output intent that matches the colours (printpdf's own PDF/A
//! intent is a 0.5 MB CMYK print profile; the report is RGB, so it gets the 7 kB sRGB
//! profile from Debian's icc-profiles-free, zlib licence in `assets/icc/`) — and a document
//! id derived from the content, so the same report is the same file.

use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use super::kept::Kept;

static SRGB_ICC: &[u8] = include_bytes!("../../../assets/icc/sRGB.icc");

/// The document facts the XMP metadata repeats from the info dictionary.
pub struct Facts<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    /// ISO 8601, e.g. `2017-08-31T00:00:00Z`.
    pub date: &'a str,
    /// BCP 47: `sv-SE`, `en-GB`.
    pub lang: &'a str,
}

/// Adds the structure tree and outline ([`super::tags`]), PDF/A-2b and PDF/UA-1 XMP
/// metadata to the catalog, then writes the file with its document id.
pub fn finish(doc: Document, facts: &Facts, tags: &super::tags::Tags) -> anyhow::Result<Vec<u8>> {
    with_content_id(&archived(doc, facts, tags)?)
}

/// The document with everything [`finish`] adds, its id still the placeholder.
pub fn archived(
    mut doc: Document,
    facts: &Facts,
    tags: &super::tags::Tags,
) -> anyhow::Result<Document> {
    super::tags::write(&mut doc, tags, facts.lang)?;
    name_fonts(&mut doc);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    let id = doc.add_object(Stream::new(dict, xmp(facts).into_bytes()));
    doc.catalog_mut()?.set("Metadata", Object::Reference(id));
    let intent = srgb_output_intent(&mut doc);
    doc.catalog_mut()?
        .set("OutputIntents", Object::Array(vec![intent]));
    compress_streams(&mut doc)?;
    // The info dictionary's PDF/X version key does not belong in a PDF/A file.
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(info) {
            dict.remove(b"GTS_PDFXVersion");
        }
    }
    // PDF/A-2 and PDF/UA-1 rest on PDF 1.7 (object streams need at least 1.5).
    doc.version = "1.7".to_string();
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    Ok(doc)
}

/// The embedded fonts' real names: printpdf names them by their resource ids (`F1`, `F2`),
/// which PDF/UA checkers and screen readers report as unknown fonts. A subset carries a tag
/// of six capital letters before its PostScript name (ISO 32000-1, 9.6.4).
fn name_fonts(doc: &mut Document) {
    const NAMES: [(&[u8], &[u8]); 2] = [
        (b"F1", b"LOFTEA+DejaVuSans"),
        (b"F2", b"LOFTEB+DejaVuSans-Bold"),
    ];
    for object in doc.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            let Ok(current) = dict.get(key).and_then(Object::as_name) else {
                continue;
            };
            if let Some((_, real)) = NAMES.iter().find(|(id, _)| *id == current) {
                dict.set(key, Object::Name(real.to_vec()));
            }
        }
    }
}

/// Compresses every stream once, at zlib's default level (printpdf itself would compress
/// every stream at the slowest level). The XMP metadata stays readable, as PDF/A asks.
/// The embedded fonts, the same in nearly every report of a run, are compressed once per
/// run ([`packed_font`]).
fn compress_streams(doc: &mut Document) -> anyhow::Result<()> {
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let is_metadata = stream
            .dict
            .get(b"Type")
            .is_ok_and(|t| t.as_name().is_ok_and(|n| n == b"Metadata"));
        if is_metadata || !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        // An embedded TrueType font carries its length as Length1.
        let packed = if stream.dict.get(b"Length1").is_ok() {
            packed_font(&stream.content)?.to_vec()
        } else {
            zlib(&stream.content)?
        };
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
    Ok(())
}

fn zlib(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Fonts compressed this run, by their bytes: a region's reports embed the same subsets
/// (about 100 kB each report), so each is compressed once. Two faces, a few subsets each.
static PACKED_FONTS: Kept<u8, Arc<[u8]>, 8> = Kept::new();

/// A font file's bytes compressed, from [`PACKED_FONTS`] when the same bytes were
/// compressed before.
fn packed_font(font: &[u8]) -> std::io::Result<Arc<[u8]>> {
    PACKED_FONTS.get_or_try(font, || zlib(font).map(Arc::from))
}

/// Stands in the trailer's /ID while the file is written; then replaced by the digest.
const ID_PLACEHOLDER: &[u8; 16] = b"lofte-content-id";

/// Writes the document with a trailer /ID derived from its content, as the PDF
/// specification suggests (printpdf draws it from a process-wide counter, so a second
/// document in one process would differ from the first): the file is written once with a
/// placeholder id, and the placeholder's two copies in the (uncompressed) trailer are
/// overwritten with the first 16 bytes of the file's SHA-256, the same length. Objects go
/// into compressed object streams ([`super::write`]): the structure tree is thousands of
/// small dictionaries.
fn with_content_id(doc: &Document) -> anyhow::Result<Vec<u8>> {
    use sha2::Digest;
    let mut out = super::write::to_bytes(doc)?;
    let hex = |bytes: &[u8]| -> Vec<u8> {
        bytes
            .iter()
            .flat_map(|b| format!("{b:02X}").into_bytes())
            .collect()
    };
    let (from, to) = (hex(ID_PLACEHOLDER), hex(&sha2::Sha256::digest(&out)[..16]));
    let places: Vec<usize> = out
        .windows(from.len())
        .enumerate()
        .filter(|(_, w)| *w == from.as_slice())
        .map(|(i, _)| i)
        .collect();
    anyhow::ensure!(
        places.len() == 2,
        "PDF-filens id kunde inte skrivas ({} platser)",
        places.len()
    );
    for at in places {
        if let Some(slot) = out.get_mut(at..at + to.len()) {
            slot.copy_from_slice(&to);
        }
    }
    Ok(out)
}

/// A PDF/A output intent with the sRGB profile.
fn srgb_output_intent(doc: &mut Document) -> Object {
    let mut icc = Dictionary::new();
    icc.set("N", Object::Integer(3));
    let profile = doc.add_object(Stream::new(icc, SRGB_ICC.to_vec()));
    let text = |s: &str| Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    let mut intent = Dictionary::new();
    intent.set("Type", Object::Name(b"OutputIntent".to_vec()));
    intent.set("S", Object::Name(b"GTS_PDFA1".to_vec()));
    intent.set("OutputConditionIdentifier", text("sRGB IEC61966-2.1"));
    intent.set("Info", text("sRGB IEC61966-2.1"));
    intent.set("RegistryName", text("http://www.color.org"));
    intent.set("DestOutputProfile", Object::Reference(profile));
    Object::Dictionary(intent)
}

/// PDF/A allows XMP properties outside its own schemas only when they are described: this
/// describes PDF/UA's `pdfuaid:part`.
const PDFUA_EXTENSION: &str = "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The XMP packet: pdfaid part 2, conformance B, and the Dublin Core and XMP basics that
/// repeat the info dictionary.
fn xmp(f: &Facts) -> String {
    let (title, author, subject, date, lang) = (
        escape(f.title),
        escape(f.author),
        escape(f.subject),
        f.date,
        f.lang,
    );
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
<pdfaid:part>2</pdfaid:part>\n\
<pdfaid:conformance>B</pdfaid:conformance>\n\
<pdfuaid:part>1</pdfuaid:part>\n\
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n\
<dc:format>application/pdf</dc:format>\n\
<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{title}</rdf:li></rdf:Alt></dc:title>\n\
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>\n\
<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{subject}</rdf:li></rdf:Alt></dc:description>\n\
<xmp:CreateDate>{date}</xmp:CreateDate>\n\
<xmp:ModifyDate>{date}</xmp:ModifyDate>\n\
<xmp:MetadataDate>{date}</xmp:MetadataDate>\n\
<xmp:CreatorTool>lofte</xmp:CreatorTool>\n\
<pdf:Producer>lofte</pdf:Producer>\n\
</rdf:Description>\n\
{PDFUA_EXTENSION}\
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>"
    )
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    #[test]
    fn a_font_is_compressed_once_and_unpacks_to_its_bytes() {
        let font: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
        let first = super::packed_font(&font).unwrap();
        let again = super::packed_font(&font.clone()).unwrap();
        assert!(std::sync::Arc::ptr_eq(&first, &again));
        let mut unpacked = Vec::new();
        flate2::read::ZlibDecoder::new(&first[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, font);
        // Other bytes are compressed on their own.
        let other = super::packed_font(&font[1..]).unwrap();
        assert!(!std::sync::Arc::ptr_eq(&first, &other));
    }
}
