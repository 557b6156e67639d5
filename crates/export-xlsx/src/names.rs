//! Worksheet names that Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or
//! ending with `'`, unique in the workbook (case-insensitively).

use std::collections::HashSet;

/// Excel's limit on a sheet name, in characters.
pub(crate) const MAX_CHARS: usize = 31;

/// Hands out valid, unique sheet names.
#[derive(Debug, Default)]
pub(crate) struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    /// Reserves a name that is already used (a fixed sheet such as `汇总`).
    pub(crate) fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_lowercase());
    }

    /// A valid name close to `wanted`, unique among those handed out so far.
    pub(crate) fn unique(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let clean = clean.trim_matches(|c: char| c == '\'' || c.is_whitespace());
        let clean = if clean.is_empty() { "报告" } else { clean };
        for n in 1.. {
            let suffix = if n == 1 { String::new() } else { format!("~{n}") };
            let room = MAX_CHARS - suffix.chars().count();
            let mut name: String = clean.chars().take(room).collect();
            name = name.trim_end_matches('\'').to_owned();
            name.push_str(&suffix);
            if self.taken.insert(name.to_lowercase()) {
                return name;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_and_unique() {
        let mut names = SheetNames::default();
        names.reserve("汇总");
        assert_eq!(names.unique("汇总"), "汇总~2");
        let long = "中华人民共和国某某省某某市某某县某某镇人民政府办公室 2022";
        let first = names.unique(long);
        assert_eq!(first.chars().count(), MAX_CHARS);
        let second = names.unique(long);
        assert!(second.ends_with("~2") && second.chars().count() == MAX_CHARS);
        assert_eq!(names.unique("a[b]:c*d?e/f\\g"), "a_b__c_d_e_f_g");
        assert_eq!(names.unique("'引号'"), "引号");
        assert_eq!(names.unique("  "), "报告");
    }
}
