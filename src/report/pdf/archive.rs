//! Report, PDF archiving: what printpdf leaves to us for PDF/A-2b — XMP metadata naming the
//! conformance level, and an output intent that matches the colours (printpdf embeds a
//! 0.5 MB CMYK print profile marked for PDF/X; the report is RGB, so it gets the 7 kB sRGB
//! profile from Debian's icc-profiles-free, zlib licence in `assets/icc/`) — and a document
//! id derived from the content, so the same report is the same file.

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

static SRGB_ICC: &[u8] = include_bytes!("../../../assets/icc/sRGB.icc");

/// The document facts the XMP metadata repeats from the info dictionary.
pub struct Facts<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    /// ISO 8601, e.g. `2017-08-31T00:00:00Z`.
    pub date: &'a str,
}

/// Adds PDF/A-2b XMP metadata to the catalog, then fixes the document id.
pub fn finish(bytes: Vec<u8>, facts: &Facts) -> anyhow::Result<Vec<u8>> {
    let mut doc = Document::load_mem(&bytes)?;
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    let id = doc.add_object(Stream::new(dict, xmp(facts).into_bytes()));
    doc.catalog_mut()?.set("Metadata", Object::Reference(id));
    let intent = srgb_output_intent(&mut doc);
    doc.catalog_mut()?
        .set("OutputIntents", Object::Array(vec![intent]));
    // printpdf's CMYK profile is now referenced by nothing.
    doc.prune_objects();
    // The info dictionary's PDF/X version key does not belong in a PDF/A file.
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(info) {
            dict.remove(b"GTS_PDFXVersion");
        }
    }
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(with_content_id(out))
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The XMP packet: pdfaid part 2, conformance B, and the Dublin Core and XMP basics that
/// repeat the info dictionary.
fn xmp(f: &Facts) -> String {
    let (title, author, subject, date) =
        (escape(f.title), escape(f.author), escape(f.subject), f.date);
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n\
<pdfaid:part>2</pdfaid:part>\n\
<pdfaid:conformance>B</pdfaid:conformance>\n\
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
</rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"w\"?>"
    )
}

/// Replaces the trailer's /ID (which printpdf draws from a process-wide counter, so a
/// second document in one process differs from the first) with one derived from the
/// content, as the PDF specification suggests. Same length, so no offset moves.
fn with_content_id(mut bytes: Vec<u8>) -> Vec<u8> {
    use sha2::Digest;
    let tail_start = bytes.len().saturating_sub(1024);
    let Some(at) = bytes[tail_start..]
        .windows(5)
        .position(|w| w == b"/ID[(")
        .map(|p| tail_start + p + 4)
    else {
        return bytes;
    };
    // Two literal strings of 32 characters: (…)(…)
    let ids_len = 2 * 34;
    if bytes.len() < at + ids_len || bytes[at + 33] != b')' || bytes[at + 34] != b'(' {
        return bytes;
    }
    let digest = sha2::Sha256::digest([&bytes[..at], &bytes[at + ids_len..]].concat());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02X}")).collect();
    for k in 0..2 {
        bytes[at + 1 + k * 34..at + 33 + k * 34].copy_from_slice(hex.as_bytes());
    }
    bytes
}
