//! The zip package of a DOCX, opened as untrusted input: at most [`MAX_ENTRIES`] entries, none
//! with an absolute or `..` path; a part read only up to [`MAX_PART_BYTES`] decompressed,
//! whatever its header claims (zip bombs); relationship targets that leave the package refused.

use super::{attribute, invalid, utf8, MAX_DEPTH};
use crate::error::ParseError;
use nianbao_safe_xml::local_name;
use std::io::Read as _;

/// Most entries a package may hold.
pub(crate) const MAX_ENTRIES: usize = 10_000;
/// Most bytes one part may decompress to.
pub(crate) const MAX_PART_BYTES: u64 = 64 << 20;

/// A zip package, checked for hostile structure.
pub(super) struct Package<'a> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
}

impl<'a> Package<'a> {
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, ParseError> {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| invalid(format!("不是有效的 zip 压缩包（文件可能不完整或已损坏）：{e}")))?;
        if archive.len() > MAX_ENTRIES {
            return Err(invalid(format!(
                "压缩包有 {} 个条目，超过上限 {MAX_ENTRIES}",
                archive.len()
            )));
        }
        for i in 0..archive.len() {
            let entry = archive
                .by_index_raw(i)
                .map_err(|e| invalid(format!("压缩包第 {} 个条目无法读取：{e}", i + 1)))?;
            if entry.enclosed_name().is_none() {
                let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
                return Err(invalid(format!("压缩包中有不安全的路径“{name}”")));
            }
        }
        Ok(Package { archive })
    }

    /// The part at `path`, decompressed; `None` when the package has no such part.
    pub(super) fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, ParseError> {
        let entry = match self.archive.by_name(path) {
            Ok(entry) => entry,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(invalid(format!("{path} 无法读取：{e}"))),
        };
        if entry.size() > MAX_PART_BYTES {
            return Err(invalid(format!(
                "{path} 解压后有 {} 字节，超过上限 {MAX_PART_BYTES}（疑似压缩炸弹）",
                entry.size()
            )));
        }
        let mut out = Vec::with_capacity(entry.size() as usize);
        entry
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| invalid(format!("{path} 解压失败（文件可能不完整或已损坏）：{e}")))?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(invalid(format!(
                "{path} 解压后超过上限 {MAX_PART_BYTES} 字节（疑似压缩炸弹）"
            )));
        }
        Ok(Some(out))
    }

    /// The target of the first relationship in `rels` whose type ends with `kind`, as a path in
    /// the package; targets are relative to `base`.
    pub(super) fn relationship_target(
        &mut self,
        rels: &str,
        base: &str,
        kind: &str,
    ) -> Result<Option<String>, ParseError> {
        let Some(xml) = self.read(rels)? else {
            return Ok(None);
        };
        let text = utf8(&xml, rels)?;
        let mut found = None;
        let walked = nianbao_safe_xml::walk(&text, MAX_DEPTH, |step| {
            if let nianbao_safe_xml::Step::Start(e) = step {
                if local_name(e.name().as_ref()) == "Relationship" {
                    let is_kind = attribute(e, "Type").is_some_and(|t| t.ends_with(kind));
                    let external = attribute(e, "TargetMode").is_some_and(|m| m == "External");
                    if is_kind && !external {
                        found = Some(attribute(e, "Target").unwrap_or_default());
                        // Found: stop reading.
                        return Err(());
                    }
                }
            }
            Ok(())
        });
        if let Err(nianbao_safe_xml::Refused::Xml(error)) = walked {
            return Err(invalid(format!("{rels}：{error}")));
        }
        match found {
            None => Ok(None),
            Some(target) => resolve(base, &target)
                .map(Some)
                .ok_or_else(|| invalid(format!("{rels} 指向包外的路径“{target}”"))),
        }
    }
}

/// A relationship target resolved against `base`; `None` when it leaves the package.
fn resolve(base: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|p| !p.is_empty()).collect()
    };
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}
