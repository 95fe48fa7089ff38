//! A staff export read into cells: its bytes decoded (UTF-8 with or without a byte order
//! mark, UTF-16 as Excel's "Unicode text" writes it, else Windows-1252), its delimiter
//! sniffed (comma, semicolon or tab), and its records split by the `csv` crate (RFC 4180
//! quotes, doubled quotes, line breaks inside quoted cells, CRLF or LF). Each row keeps the
//! physical line it starts on, so a problem names the line the DSL sees in a text editor.

use crate::domain::vocab::vocabulary;

/// The most rows one file is read for: the list holds 5,000 people.
const MAX_ROWS: usize = 5_001;
/// The rows the delimiter is sniffed from.
const SNIFF_ROWS: usize = 20;

vocabulary! {
    /// How a file's text was written.
    pub enum Encoding {
        Utf8 = ("utf-8", "UTF-8"),
        Utf16 = ("utf-16", "UTF-16 (Excel's Unicode text)"),
        Windows1252 = ("windows-1252", "Windows-1252 (older Excel)"),
    }
}

vocabulary! {
    /// What separates the cells of a row.
    pub enum Delimiter {
        Comma = ("comma", "Commas"),
        Semicolon = ("semicolon", "Semicolons"),
        Tab = ("tab", "Tabs"),
    }
}

impl Delimiter {
    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// One row of the file: its cells, trimmed, and the line it starts on (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A file read into rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub encoding: Encoding,
    pub delimiter: Delimiter,
    /// Every row with something in it, blank lines left out.
    pub rows: Vec<TableRow>,
    /// A quote opened on this line and never closed: the rest of the file from there was one
    /// cell, and is not read.
    pub unclosed_quote: Option<usize>,
    /// Rows past the most one file is read for were left out.
    pub cut_off: bool,
}

/// Reads a staff export's bytes into rows. Never fails: what cannot be read is named
/// (`unclosed_quote`, `cut_off`) and the rows around it are kept. Cells are kept as written,
/// a formula-looking one included: nothing here is ever evaluated.
#[inline(never)]
pub fn read_table(bytes: &[u8]) -> Table {
    let (mut text, encoding) = decode(bytes);
    // Excel's own hint on the first line ("sep=;") names the delimiter; it is taken out and
    // its line break left, so the rows after it keep their line numbers.
    let hinted = match text.get(..5) {
        Some(hint) if hint.eq_ignore_ascii_case("sep=;") => Some(Delimiter::Semicolon),
        Some(hint) if hint.eq_ignore_ascii_case("sep=,") => Some(Delimiter::Comma),
        Some(hint) if hint.eq_ignore_ascii_case("sep=\t") => Some(Delimiter::Tab),
        _ => None,
    };
    if hinted.is_some() {
        text.replace_range(..5, "");
    }
    let delimiter = hinted.unwrap_or_else(|| sniff(&text));
    let mut table = Table {
        encoding,
        delimiter,
        rows: Vec::new(),
        unclosed_quote: None,
        cut_off: false,
    };
    let starts = records(&text, delimiter, MAX_ROWS + 1, &mut |line, cells| {
        table.rows.push(TableRow { line, cells })
    });
    table.cut_off = table.rows.len() > MAX_ROWS;
    table.rows.truncate(MAX_ROWS);
    // A closed quote leaves an even number of quote marks behind it (doubled quotes come in
    // pairs): an odd number in the last row means its quote ran to the end of the file.
    if let (Some(&(start, line)), false) = (starts.last(), table.cut_off) {
        let last_kept = table.rows.last().is_some_and(|r| r.line == line);
        if last_kept && text[start..].bytes().filter(|&b| b == b'"').count() % 2 == 1 {
            table.unclosed_quote = Some(line);
            table.rows.pop();
        }
    }
    table
}

/// The file's text and how it was written. Valid UTF-8 is UTF-8 (Windows-1252 text with an
/// accent is almost never valid UTF-8); a UTF-16 byte order mark is UTF-16; anything else is
/// Windows-1252, which gives every byte a character, so decoding never fails.
pub(super) fn decode(bytes: &[u8]) -> (String, Encoding) {
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks(2).map(|p| match (p, be) {
            ([a, b], true) => u16::from_be_bytes([*a, *b]),
            ([a, b], false) => u16::from_le_bytes([*a, *b]),
            _ => 0xFFFD,
        });
        let text = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        (text, Encoding::Utf16)
    };
    match bytes {
        [0xFF, 0xFE, ..] => return utf16(false),
        [0xFE, 0xFF, ..] => return utf16(true),
        _ => {}
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (
            text.strip_prefix('\u{FEFF}').unwrap_or(text).to_owned(),
            Encoding::Utf8,
        ),
        Err(_) => (
            bytes.iter().map(|&b| cp1252(b)).collect(),
            Encoding::Windows1252,
        ),
    }
}

/// One Windows-1252 byte as its character: 0x80-0x9F hold curly quotes, dashes, the euro
/// and others; every other byte is the Unicode code point of the same number (the five bytes
/// Windows leaves unassigned become control characters, which the text rules remove).
pub(super) fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The delimiter that splits the first rows most consistently into more than one cell (a
/// comma inside quotes does not count), ties going to the comma, then the semicolon.
#[inline(never)]
fn sniff(text: &str) -> Delimiter {
    let score = |delimiter| {
        let mut counts = Vec::with_capacity(SNIFF_ROWS);
        records(text, delimiter, SNIFF_ROWS, &mut |_, cells| {
            counts.push(cells.len())
        });
        let most = counts.iter().copied().max().unwrap_or(0);
        let alike = counts.iter().filter(|&&n| n == most).count();
        // Rows split alike first, then more cells; one cell is no split at all.
        if most > 1 {
            (alike, most)
        } else {
            (0, 0)
        }
    };
    let mut best = Delimiter::Comma;
    let mut best_score = score(best);
    for d in [Delimiter::Semicolon, Delimiter::Tab] {
        let s = score(d);
        if s > best_score {
            (best, best_score) = (d, s);
        }
    }
    best
}

/// Splits `text` into at most `limit` records of trimmed cells, skipping blank ones, calling
/// `row` with each record's first line; returns each record's byte start and line. Lines are
/// counted here: the csv crate places a record after the line break that ended the one
/// before (blank lines in between not skipped) and counts only LF, where Excel for Mac ends
/// lines with a lone CR.
#[inline(never)]
fn records(
    text: &str,
    delimiter: Delimiter,
    limit: usize,
    row: &mut dyn FnMut(usize, Vec<String>),
) -> Vec<(usize, usize)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let (mut counted, mut line) = (0, 1);
    // The text is a `str` read from memory: the reader has no error to give.
    while starts.len() < limit && reader.read_record(&mut record).unwrap_or(false) {
        let Some(at) = record.position() else { break };
        let mut start = (at.byte() as usize).min(bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += line_breaks(&bytes[counted..start]);
        counted = start;
        starts.push((start, line));
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            row(line, cells);
        }
    }
    starts
}

/// How many line breaks `bytes` holds: CRLF, LF or a lone CR each one.
pub(super) fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(table: &Table) -> Vec<(usize, Vec<&str>)> {
        table
            .rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn bytes_decode_as_utf8_with_or_without_a_bom_else_windows_1252() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFZo\xC3\xAB"),
            ("Zoë".into(), Encoding::Utf8)
        );
        assert_eq!(decode("Siân".as_bytes()), ("Siân".into(), Encoding::Utf8));
        assert_eq!(
            decode(b"Si\xE2n O\x92Brien \x96 \x80"),
            ("Siân O’Brien – €".into(), Encoding::Windows1252)
        );
        assert_eq!(
            decode(b"\xFF\xFEZ\x00\xEB\x00"),
            ("Zë".into(), Encoding::Utf16)
        );
        assert_eq!(
            decode(b"\xFE\xFF\x00Z\x00\xEB"),
            ("Zë".into(), Encoding::Utf16)
        );
        // Every byte has a character, and only the five unassigned ones are controls.
        let controls = (0x80..=0x9F).filter(|&b| cp1252(b).is_control()).count();
        assert_eq!(controls, 5);
    }

    #[test]
    fn the_delimiter_is_sniffed_outside_quotes() {
        let comma = "\"Able, Ann\",Teacher\n\"Baker, Bob\",TA\n";
        assert_eq!(read_table(comma.as_bytes()).delimiter, Delimiter::Comma);
        let semi = "Name;Role\nO'Brien, Siân;Teacher\nBaker, Bob;TA\n";
        assert_eq!(read_table(semi.as_bytes()).delimiter, Delimiter::Semicolon);
        let tab = "Name\tRole\tStart\nAnn, Able\tTeacher\t01/09/2024\n";
        assert_eq!(read_table(tab.as_bytes()).delimiter, Delimiter::Tab);
        assert_eq!(
            read_table(b"Ann Able\nBob Baker\n").delimiter,
            Delimiter::Comma
        );
        let hinted = read_table(b"sep=;\r\nName;Note\r\nAnn, Able;a,b,c\r\n");
        assert_eq!(hinted.delimiter, Delimiter::Semicolon);
        assert_eq!(lines(&hinted)[0], (2, vec!["Name", "Note"]));
    }

    #[test]
    fn rows_keep_the_line_they_start_on_past_blank_lines_and_quoted_breaks() {
        let text =
            "\r\n\r\nName,Note\r\n\"Ann\nAble\",\"said \"\"hi\"\"\"\r\n\r\n,\r\nBob,=1+1\r\n";
        let table = read_table(text.as_bytes());
        assert_eq!(
            lines(&table),
            vec![
                (3, vec!["Name", "Note"]),
                (4, vec!["Ann\nAble", "said \"hi\""]),
                (8, vec!["Bob", "=1+1"]),
            ]
        );
        assert_eq!(table.unclosed_quote, None);
        let mac = read_table(b"Name,Role\r\rAnn,\"Teacher\rof Y3\"\rBob,TA\r");
        let lines: Vec<usize> = mac.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 3, 5], "Excel for Mac ends lines with CR alone");
    }

    #[test]
    fn a_quote_never_closed_is_named_and_the_rows_before_it_kept() {
        let table = read_table(b"Ann,Teacher\n\"Bob,TA\nCat,Governor\n");
        assert_eq!(lines(&table), vec![(1, vec!["Ann", "Teacher"])]);
        assert_eq!(table.unclosed_quote, Some(2));
    }
}
