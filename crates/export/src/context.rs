//! Everything outside the document that an export may depend on, typed: a parsed timestamp, the
//! fonts the caller resolved, and options.

use std::fmt;
use std::sync::Arc;

/// Everything outside the document that an export may depend on. Same document and same context
/// ⇒ byte-identical output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportContext {
    /// The creation time outputs record ([`Timestamp::DEFAULT`] unless the caller pins one).
    pub created: Timestamp,
    /// Fonts to set documents in before the built-in one, most preferred first (PDF). The caller
    /// finds and reads them; exporters never search the system.
    pub fonts: Vec<FontFile>,
    /// Whether to append the findings to documents that are read by people (PDF).
    pub with_findings: bool,
    /// Where to find fonts for characters neither [`ExportContext::fonts`] nor the built-in font
    /// has (PDF): the caller searches the installed fonts; `None` when there is nowhere to look.
    pub find_fonts: Option<FontFinder>,
}

/// Finds fonts for characters no other font has: given the characters, the fonts that draw them,
/// most preferred first. The caller decides where to look; exporters never search the system.
#[derive(Clone)]
pub struct FontFinder(pub Arc<FindFonts>);

/// The function behind a [`FontFinder`].
pub type FindFonts = dyn Fn(&[char]) -> Vec<FontFile> + Send + Sync;

impl FontFinder {
    /// The fonts that draw `characters`.
    pub fn find(&self, characters: &[char]) -> Vec<FontFile> {
        (self.0)(characters)
    }
}

impl fmt::Debug for FontFinder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FontFinder")
    }
}

/// Two finders are the same when they are the same function.
impl PartialEq for FontFinder {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for FontFinder {}

/// A font the caller read: its bytes and which face of a collection to use.
#[derive(Clone, PartialEq, Eq)]
pub struct FontFile {
    /// A name for messages and for the embedded font (the file's stem, or the family).
    pub name: String,
    /// The font file's bytes (`.ttf`, `.otf`, or a `.ttc` collection).
    pub data: Arc<[u8]>,
    /// The face within a collection, 0 for a single font.
    pub index: u32,
}

impl fmt::Debug for FontFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FontFile")
            .field("name", &self.name)
            .field("bytes", &self.data.len())
            .field("index", &self.index)
            .finish()
    }
}

/// A point in time as an output records it: a calendar date, a time of day, and the offset from
/// UTC it was given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// Year, 1000–9999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 (checked against the month).
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–59.
    pub second: u8,
    /// Offset from UTC in minutes (`+08:00` is 480).
    pub offset_minutes: i16,
}

impl Default for Timestamp {
    fn default() -> Self {
        Timestamp::DEFAULT
    }
}

/// Why a text is not a timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{text}”不是有效的日期或时间：应为日期，如 2026-01-31，或 RFC 3339 格式的时间，如 2026-01-31T08:00:00+08:00")]
pub struct TimestampError {
    /// The text given.
    pub text: String,
}

impl Timestamp {
    /// The creation time recorded when the caller pins none, so that the same input gives the
    /// same bytes: 1980-01-01T00:00:00Z (the earliest date a zip entry can carry).
    pub const DEFAULT: Timestamp = Timestamp {
        year: 1980,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        offset_minutes: 0,
    };

    /// Reads an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM` (fractions of a
    /// second are not taken), or a date `YYYY-MM-DD`, the start of that day in Beijing time
    /// (`+08:00`).
    ///
    /// # Errors
    /// [`TimestampError`] for anything else, and for dates that do not exist.
    pub fn parse(text: &str) -> Result<Timestamp, TimestampError> {
        let bad = || TimestampError {
            text: text.to_owned(),
        };
        // A date alone is the start of that day, Beijing time.
        if text.len() == 10 {
            return Timestamp::parse(&format!("{text}T00:00:00+08:00")).map_err(|_| bad());
        }
        let bytes = text.as_bytes();
        let number = |range: std::ops::Range<usize>| -> Result<u16, TimestampError> {
            text.get(range)
                .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|s| s.parse().ok())
                .ok_or_else(bad)
        };
        let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if bytes.len() < 20
            || separators
                .iter()
                .any(|&(at, c)| !bytes[at].eq_ignore_ascii_case(&c))
        {
            return Err(bad());
        }
        let offset_minutes = match &text[19..] {
            "Z" | "z" => 0,
            zone if zone.len() == 6 && bytes[22] == b':' => {
                let minutes = i16::try_from(number(20..22)? * 60 + number(23..25)?).map_err(|_| bad())?;
                match zone.as_bytes()[0] {
                    b'+' => minutes,
                    b'-' => -minutes,
                    _ => return Err(bad()),
                }
            }
            _ => return Err(bad()),
        };
        let narrow = |v: u16| u8::try_from(v).map_err(|_| bad());
        let stamp = Timestamp {
            year: number(0..4)?,
            month: narrow(number(5..7)?)?,
            day: narrow(number(8..10)?)?,
            hour: narrow(number(11..13)?)?,
            minute: narrow(number(14..16)?)?,
            second: narrow(number(17..19)?)?,
            offset_minutes,
        };
        stamp.is_valid().then_some(stamp).ok_or_else(bad)
    }

    fn is_valid(&self) -> bool {
        let leap =
            self.year.is_multiple_of(4) && (!self.year.is_multiple_of(100) || self.year.is_multiple_of(400));
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        self.year >= 1000
            && (1..=days).contains(&self.day)
            && self.hour < 24
            && self.minute < 60
            && self.second < 60
            && self.offset_minutes.abs() < 24 * 60
    }

    /// The same instant in UTC.
    pub fn to_utc(self) -> Timestamp {
        let seconds = self.unix_seconds();
        let days = seconds.div_euclid(86_400);
        let of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Timestamp {
            year,
            month,
            day,
            hour: (of_day / 3600) as u8,
            minute: (of_day % 3600 / 60) as u8,
            second: (of_day % 60) as u8,
            offset_minutes: 0,
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(i64::from(self.year), i64::from(self.month), i64::from(self.day));
        days * 86_400 + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }
}

impl std::str::FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Timestamp::parse(text)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339, with `Z` for UTC.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        match self.offset_minutes {
            0 => f.write_str("Z"),
            offset => {
                let sign = if offset < 0 { '-' } else { '+' };
                let minutes = offset.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (u16, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year as u16, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips() {
        for text in [
            "2026-01-31T08:00:00+08:00",
            "1980-01-01T00:00:00Z",
            "2024-02-29T23:59:59-05:30",
        ] {
            assert_eq!(Timestamp::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Timestamp::default().to_string(), "1980-01-01T00:00:00Z");
        // A date alone: the start of that day in Beijing.
        assert_eq!(
            Timestamp::parse("2024-01-20").unwrap().to_string(),
            "2024-01-20T00:00:00+08:00"
        );
        assert_eq!(
            Timestamp::parse("2026-01-31t08:00:00z").unwrap().to_string(),
            "2026-01-31T08:00:00Z"
        );
    }

    #[test]
    fn invalid_times_are_refused_with_the_text() {
        for text in [
            "yesterday",
            "2026-02-30",
            "2026/01/31",
            "2026-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2026-01-31T24:00:00Z",
            "2026-01-31T08:00:00+8:00",
            "2026-01-31T08:00:00+24:00",
            "２０２６-01-31T08:00:00Z",
        ] {
            let error = Timestamp::parse(text).unwrap_err();
            assert!(error.to_string().contains(text), "{error}");
        }
    }

    #[test]
    fn utc_conversion_crosses_days_and_years() {
        let utc = |text: &str| Timestamp::parse(text).unwrap().to_utc().to_string();
        assert_eq!(utc("2026-01-31T08:00:00+08:00"), "2026-01-31T00:00:00Z");
        assert_eq!(utc("2026-01-01T03:00:00+08:00"), "2025-12-31T19:00:00Z");
        assert_eq!(utc("2024-02-28T22:00:00-05:00"), "2024-02-29T03:00:00Z");
        assert_eq!(Timestamp::DEFAULT.unix_seconds(), 315_532_800);
    }
}
