//! stub
use crate::{error::ParseError, Read};
/// stub
pub const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// stub
pub fn read(_bytes: &[u8]) -> Result<Read<'_>, ParseError> {
    Err(ParseError::NoReportStructure)
}
