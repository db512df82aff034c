//! Report, PDF tagging: the logical structure of the drawn page content (headings,
//! paragraphs, tables with header cells, figures with alternative text), recorded while
//! the layout draws and written afterwards as the PDF's structure tree, parent tree,
//! `/MarkInfo`, `/Lang` and document outline, so that screen readers and the PDF/UA rules
//! (ISO 14289-1) can read the report. Everything drawn outside an element is an artifact.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// The role of a cell that heads its row: written as a `TH` with `/Scope /Row`.
pub const ROW_HEADER: &str = "TH-row";

/// The standard structure type an element's role is written as.
fn standard_role(role: &'static str) -> &'static str {
    match role {
        ROW_HEADER => "TH",
        other => other,
    }
}

/// A structure element: its standard role (`H1`, `P`, `Table`, `TR`, `TH`, `TD`, `Figure`,
/// or [`ROW_HEADER`]), its alternative text (figures), and its kids in reading order.
#[derive(Debug, Clone)]
pub struct Elem {
    pub role: &'static str,
    pub alt: Option<String>,
    /// A language other than the document's (the catalog's Swedish in an English report).
    pub lang: Option<&'static str>,
    /// A figure's bounding box on its page, in points: left, bottom, right, top.
    pub bbox: Option<[f32; 4]>,
    pub kids: Vec<Kid>,
}

/// A kid of an element: another element, or a marked-content sequence on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kid {
    Elem(usize),
    Content { page: usize, mcid: i64 },
}

/// A document outline entry: a heading and where it stands.
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub title: String,
    pub level: u8,
    pub page: usize,
    /// Where on the page the heading starts, in PDF points from the bottom (the layout,
    /// which knows the page, works it out).
    pub top: f32,
}

/// The structure recorded while drawing. Element 0 is the document.
#[derive(Debug, Clone)]
pub struct Tags {
    pub elems: Vec<Elem>,
    open: Vec<usize>,
    next_mcid: Vec<i64>,
    pub bookmarks: Vec<Bookmark>,
}

impl Default for Tags {
    fn default() -> Self {
        Tags {
            elems: vec![Elem {
                role: "Document",
                alt: None,
                lang: None,
                bbox: None,
                kids: vec![],
            }],
            open: vec![0],
            next_mcid: vec![],
            bookmarks: vec![],
        }
    }
}

impl Tags {
    /// Opens an element inside the current one.
    pub fn begin(&mut self, role: &'static str, alt: Option<String>) {
        self.begin_in(role, alt, None);
    }

    /// Opens an element whose text is in another language than the document.
    pub fn begin_in(
        &mut self,
        role: &'static str,
        alt: Option<String>,
        lang: Option<&'static str>,
    ) {
        let id = self.elems.len();
        self.elems.push(Elem {
            role,
            alt,
            lang,
            bbox: None,
            kids: vec![],
        });
        self.push_kid(Kid::Elem(id));
        self.open.push(id);
    }

    /// Sets the current element's bounding box (a figure's place on its page).
    pub fn set_bbox(&mut self, bbox: [f32; 4]) {
        let current = self.open.last().copied().unwrap_or(0);
        if let Some(e) = self.elems.get_mut(current) {
            e.bbox = Some(bbox);
        }
    }

    /// Closes the current element (never the document).
    pub fn end(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// The role of the innermost open element; `Document` when none is open.
    pub fn current_role(&self) -> &'static str {
        self.open
            .last()
            .and_then(|i| self.elems.get(*i))
            .map_or("Document", |e| e.role)
    }

    /// A new marked-content id on `page`, recorded as a kid of the current element.
    pub fn content(&mut self, page: usize) -> i64 {
        if self.next_mcid.len() <= page {
            self.next_mcid.resize(page + 1, 0);
        }
        let mcid = self.next_mcid[page];
        self.next_mcid[page] += 1;
        self.push_kid(Kid::Content { page, mcid });
        mcid
    }

    fn push_kid(&mut self, kid: Kid) {
        let current = self.open.last().copied().unwrap_or(0);
        if let Some(e) = self.elems.get_mut(current) {
            e.kids.push(kid);
        }
    }
}

/// A text string as PDF text: ASCII as it is, anything else as UTF-16BE with its mark.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

/// Writes the structure tree, the parent tree, `/MarkInfo`, `/Lang`, the outline and the
/// viewer preferences into a saved document. `lang` is a BCP 47 tag (`sv-SE`).
pub fn write(doc: &mut Document, tags: &Tags, lang: &str) -> anyhow::Result<()> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root = doc.new_object_id();
    // Object ids for every element first, so parents and kids can point at each other.
    let ids: Vec<ObjectId> = tags.elems.iter().map(|_| doc.new_object_id()).collect();
    let mut parents: Vec<Option<usize>> = vec![None; tags.elems.len()];
    for (i, e) in tags.elems.iter().enumerate() {
        for kid in &e.kids {
            if let Kid::Elem(k) = kid {
                if let Some(p) = parents.get_mut(*k) {
                    *p = Some(i);
                }
            }
        }
    }
    // Per page, the element that owns each marked-content id, in id order.
    let mut owners: Vec<Vec<(i64, ObjectId)>> = vec![vec![]; pages.len()];
    for (i, e) in tags.elems.iter().enumerate() {
        let mut kids = vec![];
        for kid in &e.kids {
            match *kid {
                Kid::Elem(k) => kids.push(Object::Reference(ids[k])),
                Kid::Content { page, mcid } => {
                    let Some(page_id) = pages.get(page) else {
                        continue;
                    };
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", name("MCR"));
                    mcr.set("Pg", Object::Reference(*page_id));
                    mcr.set("MCID", Object::Integer(mcid));
                    kids.push(Object::Dictionary(mcr));
                    if let Some(list) = owners.get_mut(page) {
                        list.push((mcid, ids[i]));
                    }
                }
            }
        }
        let mut dict = Dictionary::new();
        dict.set("Type", name("StructElem"));
        dict.set("S", name(standard_role(e.role)));
        let parent = parents[i].map_or(root, |p| ids[p]);
        dict.set("P", Object::Reference(parent));
        dict.set("K", Object::Array(kids));
        if let Some(alt) = &e.alt {
            dict.set("Alt", text(alt));
        }
        if let Some(lang) = e.lang {
            dict.set("Lang", text(lang));
        }
        if let Some(bbox) = e.bbox {
            let mut attrs = Dictionary::new();
            attrs.set("O", name("Layout"));
            attrs.set(
                "BBox",
                Object::Array(bbox.iter().map(|v| Object::Real(*v)).collect()),
            );
            dict.set("A", Object::Dictionary(attrs));
        }
        // A table's header row heads its columns; a body row's first cell heads its row.
        let scope = match e.role {
            "TH" => Some("Column"),
            ROW_HEADER => Some("Row"),
            _ => None,
        };
        if let Some(scope) = scope {
            let mut attrs = Dictionary::new();
            attrs.set("O", name("Table"));
            attrs.set("Scope", name(scope));
            dict.set("A", Object::Dictionary(attrs));
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let mut nums = vec![];
    for (page, list) in owners.iter_mut().enumerate() {
        list.sort_by_key(|(mcid, _)| *mcid);
        let refs = list.iter().map(|(_, id)| Object::Reference(*id)).collect();
        let array = doc.add_object(Object::Array(refs));
        nums.push(Object::Integer(page as i64));
        nums.push(Object::Reference(array));
        if let Some(Object::Dictionary(p)) = pages.get(page).and_then(|id| doc.objects.get_mut(id))
        {
            p.set("StructParents", Object::Integer(page as i64));
            p.set("Tabs", name("S"));
        }
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = doc.add_object(Object::Dictionary(parent_tree));
    let mut root_dict = Dictionary::new();
    root_dict.set("Type", name("StructTreeRoot"));
    root_dict.set("K", Object::Reference(ids[0]));
    root_dict.set("ParentTree", Object::Reference(parent_tree));
    root_dict.set("ParentTreeNextKey", Object::Integer(pages.len() as i64));
    doc.objects.insert(root, Object::Dictionary(root_dict));

    let outline = outline(doc, &tags.bookmarks, &pages);
    let catalog = doc.catalog_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(root));
    let mut mark = Dictionary::new();
    mark.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark));
    catalog.set("Lang", text(lang));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    catalog.set("ViewerPreferences", Object::Dictionary(prefs));
    if let Some(outline) = outline {
        catalog.set("Outlines", Object::Reference(outline));
        catalog.set("PageMode", name("UseOutlines"));
    }
    Ok(())
}

/// The outline: level-1 bookmarks (sections) with their level-2 children (promises and
/// outcomes), each pointing at its heading's place on its page.
fn outline(doc: &mut Document, marks: &[Bookmark], pages: &[ObjectId]) -> Option<ObjectId> {
    if marks.is_empty() {
        return None;
    }
    let top = marks.iter().map(|m| m.level).min().unwrap_or(1);
    let root = doc.new_object_id();
    // (bookmark, its children) for the top level; deeper ones go under the last top one.
    let mut tree: Vec<(&Bookmark, Vec<&Bookmark>)> = vec![];
    for m in marks {
        match tree.last_mut() {
            Some((_, kids)) if m.level > top => kids.push(m),
            _ if m.level > top => {}
            _ => tree.push((m, vec![])),
        }
    }
    let top_ids = siblings(doc, root, &tree, pages);
    let mut dict = Dictionary::new();
    dict.set("Type", name("Outlines"));
    if let (Some(first), Some(last)) = (top_ids.first(), top_ids.last()) {
        dict.set("First", Object::Reference(*first));
        dict.set("Last", Object::Reference(*last));
    }
    dict.set("Count", Object::Integer(top_ids.len() as i64));
    doc.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

/// Writes one level of outline items under `parent` and returns their ids in order.
fn siblings(
    doc: &mut Document,
    parent: ObjectId,
    items: &[(&Bookmark, Vec<&Bookmark>)],
    pages: &[ObjectId],
) -> Vec<ObjectId> {
    let ids: Vec<ObjectId> = items.iter().map(|_| doc.new_object_id()).collect();
    for (i, (mark, kids)) in items.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", text(&mark.title));
        dict.set("Parent", Object::Reference(parent));
        if let Some(page) = pages.get(mark.page) {
            dict.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    name("XYZ"),
                    Object::Null,
                    Object::Real(mark.top),
                    Object::Null,
                ]),
            );
        }
        if i > 0 {
            dict.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", Object::Reference(*next));
        }
        let children: Vec<(&Bookmark, Vec<&Bookmark>)> =
            kids.iter().map(|k| (*k, vec![])).collect();
        let kid_ids = siblings(doc, ids[i], &children, pages);
        if let (Some(first), Some(last)) = (kid_ids.first(), kid_ids.last()) {
            dict.set("First", Object::Reference(*first));
            dict.set("Last", Object::Reference(*last));
            // Negative: the section starts closed, showing its promises when opened.
            dict.set("Count", Object::Integer(-(kid_ids.len() as i64)));
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_belong_to_the_open_element_and_ids_count_per_page() {
        let mut t = Tags::default();
        t.begin("H1", None);
        assert_eq!(t.content(0), 0);
        t.end();
        t.begin("P", None);
        assert_eq!(t.content(0), 1);
        assert_eq!(t.content(1), 0, "ids start again on a new page");
        t.end();
        assert_eq!(t.current_role(), "Document");
        assert_eq!(t.elems[0].kids, vec![Kid::Elem(1), Kid::Elem(2)]);
        assert_eq!(
            t.elems[2].kids,
            vec![
                Kid::Content { page: 0, mcid: 1 },
                Kid::Content { page: 1, mcid: 0 }
            ]
        );
    }

    #[test]
    fn non_ascii_text_is_utf16_with_its_mark() {
        let Object::String(bytes, _) = text("Trygghet å") else {
            panic!("a string")
        };
        assert_eq!(&bytes[..4], &[0xFE, 0xFF, 0x00, b'T']);
    }
}
