//! Which template version the tables follow (spec §7.2).
//!
//! Markers are the header words only one version prints. Table 2's headers dominate; Table 3's
//! `（六）` sub-rows break ties. Without markers the report year decides. Markers of both versions
//! make the report a hybrid.

use nianbao_model::{DetectionBasis, TemplateInfo, TemplateVersion};
use nianbao_normalize::Compact;

/// Markers of the 2019 template, with their weight, written in normalised form (see
/// [`Compact`]).
const MARKERS_2019: &[(&str, u32)] = &[
    ("本年新制作数量", 2),
    ("本年新公开数量", 2),
    ("对外公开总数量", 2),
    ("上一年项目数量", 2),
    ("本年增/减", 2),
    ("其他对外管理服务事项", 2),
    ("第二十条第(九)项", 2),
    ("政府集中采购", 2),
    ("采购项目数量", 2),
    ("采购总金额", 2),
];

/// Markers of the 2021 template.
const MARKERS_2021: &[(&str, u32)] = &[
    ("本年制发件数", 2),
    ("本年废止件数", 2),
    ("现行有效件数", 2),
    ("本年处理决定数量", 2),
    ("本年收费金额", 2),
    ("逾期不补正", 1),
    ("收费通知", 1),
];

/// Detects the version from the normalised table text `range` of `compact`, falling back to
/// `year`.
pub(crate) fn detect(compact: &Compact, range: std::ops::Range<usize>, year: Option<i32>) -> TemplateInfo {
    let text = compact.text().get(range).unwrap_or("");
    let found = |markers: &[(&str, u32)]| -> (Vec<String>, u32) {
        let hits: Vec<(&str, u32)> = markers
            .iter()
            .filter(|(m, _)| text.contains(m))
            .copied()
            .collect();
        let score = hits.iter().map(|(_, w)| w).sum();
        (hits.into_iter().map(|(m, _)| m.to_owned()).collect(), score)
    };
    let (markers_2019, score_2019) = found(MARKERS_2019);
    let (markers_2021, score_2021) = found(MARKERS_2021);
    let (version, basis) = if score_2019 > score_2021 {
        (Some(TemplateVersion::V2019), DetectionBasis::Markers)
    } else if score_2021 > score_2019 {
        (Some(TemplateVersion::V2021), DetectionBasis::Markers)
    } else if let Some(year) = year {
        (
            Some(TemplateVersion::for_report_year(year)),
            DetectionBasis::ReportYear,
        )
    } else {
        (None, DetectionBasis::Undetermined)
    };
    TemplateInfo {
        version,
        basis,
        hybrid: score_2019 > 0 && score_2021 > 0,
        markers_2019,
        markers_2021,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(text: &str, year: Option<i32>) -> TemplateInfo {
        let compact = Compact::of(text, 0..text.len());
        detect(&compact, 0..compact.text().len(), year)
    }

    #[test]
    fn decides_by_markers_then_year() {
        let v2021 = info("信息内容\t本年制发件数\t本年废止件数\t现行有效件数", Some(2019));
        assert_eq!(
            (v2021.version, v2021.basis),
            (Some(TemplateVersion::V2021), DetectionBasis::Markers)
        );
        assert!(!v2021.hybrid);
        let v2019 = info("信息内容上一年项目数量本年增/减处理决定数量", None);
        assert_eq!(v2019.version, Some(TemplateVersion::V2019));
        let by_year = info("没有表格", Some(2020));
        assert_eq!(
            (by_year.version, by_year.basis),
            (Some(TemplateVersion::V2019), DetectionBasis::ReportYear)
        );
        assert_eq!(info("没有表格", None).basis, DetectionBasis::Undetermined);
    }

    #[test]
    fn markers_are_written_normalised() {
        for (marker, _) in MARKERS_2019.iter().chain(MARKERS_2021) {
            assert_eq!(Compact::label(marker), *marker);
        }
    }

    #[test]
    fn both_sides_make_a_hybrid() {
        let hybrid = info("本年制发件数 本年废止件数 政府集中采购", None);
        assert_eq!(hybrid.version, Some(TemplateVersion::V2021));
        assert!(hybrid.hybrid);
        assert_eq!(hybrid.markers_2019, ["政府集中采购"]);
    }
}
