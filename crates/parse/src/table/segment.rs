//! Splitting digit runs that lost their cell boundaries (`行政规范性文件693665`) into cells.
//!
//! Every split is enumerated under the value grammar of each column (no leading zeros, a sign
//! only where the column is signed, a decimal part and unit only in amounts), and only the splits
//! that keep the table's own sums (a row's `总计`) remain. Where the runs are set apart by
//! spaces, the splits that leave out one whole run (a stray number) compete with the others. One
//! split ⇒ the values are what was printed. Several ⇒ a cell is resolved only when every remaining split gives it the same digits
//! at the same place, and stays unresolved otherwise. Nothing is ever guessed.

use nianbao_model::template::ValueKind;

/// A run of value characters from the source, e.g. `000023`, `-18538`, `75394432.52元`.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// The characters (ASCII digits, `+`, `-`, `.`, or unit characters).
    pub chars: Vec<char>,
    /// The source byte offset of each character.
    pub offsets: Vec<usize>,
}

/// One cell of a split: characters `start..end` of token `token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Index of the token.
    pub token: usize,
    /// First character within the token.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// The outcome of splitting.
#[derive(Debug)]
pub(crate) enum Split {
    /// Exactly one split of all the runs satisfies the grammar, and it alone keeps the sums.
    Unique(Vec<Piece>),
    /// The grammar allows several splits (some perhaps leaving out a run as stray) and exactly
    /// one keeps the sums: chosen by the sums. A run no piece refers to was left out.
    Chosen(Vec<Piece>),
    /// Several splits remain: per cell, the piece all of them agree on, if any.
    Ambiguous {
        /// `Some` where every remaining split agrees on the cell.
        agreed: Vec<Option<Piece>>,
        /// How many splits remain.
        count: usize,
        /// The remaining splits (none when there were too many to enumerate).
        splits: Vec<Vec<Piece>>,
    },
    /// No split satisfies the grammar and sums.
    Impossible,
}

/// More splits than this are not enumerated: the cells are left unresolved.
pub(crate) const MAX_SPLITS: usize = 4096;

/// Splits `tokens` into one piece per entry of `kinds`. `sums_hold` receives the integer value of
/// each piece (`None` for non-integers) and says whether the table's sums hold; it is consulted
/// only when the grammar alone allows more than one split.
pub(crate) fn split(
    tokens: &[Token],
    kinds: &[ValueKind],
    sums_hold: &dyn Fn(&[Option<i64>]) -> bool,
) -> Split {
    let mut all = Vec::new();
    let mut current = Vec::with_capacity(kinds.len());
    let mut complete = enumerate(tokens, kinds, 0, 0, &mut current, &mut all);
    let with_every_token = all.len();
    // A run set apart by a space may be a stray number (a footnote mark, a page number, a number
    // from the next row) rather than cells: the readings without any one of them compete too.
    if tokens.len() > 1 {
        for stray in 0..tokens.len() {
            if !complete {
                break;
            }
            let rest: Vec<Token> = tokens
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != stray)
                .map(|(_, t)| t.clone())
                .collect();
            let mut without = Vec::new();
            complete = enumerate(&rest, kinds, 0, 0, &mut current, &mut without);
            all.extend(without.into_iter().map(|mut pieces| {
                for piece in &mut pieces {
                    piece.token += usize::from(piece.token >= stray);
                }
                pieces
            }));
            complete &= all.len() <= MAX_SPLITS;
        }
    }
    if !complete {
        return Split::Ambiguous {
            agreed: vec![None; kinds.len()],
            count: all.len(),
            splits: Vec::new(),
        };
    }
    // Even a split the grammar alone allows must keep the table's sums: cell boundaries found in
    // a run of digits are the reader's decision, and a sum they break is more likely a lost or a
    // stray digit than an error in the source.
    all.retain(|pieces| sums_hold(&values(tokens, pieces)));
    match all.len() {
        0 => Split::Impossible,
        1 if with_every_token == 1 && uses_every_token(tokens, &all[0]) => {
            Split::Unique(all.pop().unwrap_or_default())
        }
        1 => Split::Chosen(all.pop().unwrap_or_default()),
        count => {
            let agreed = (0..kinds.len())
                .map(|cell| {
                    let first = all[0][cell];
                    all.iter().all(|pieces| pieces[cell] == first).then_some(first)
                })
                .collect();
            Split::Ambiguous {
                agreed,
                count,
                splits: all,
            }
        }
    }
}

/// `split` of `tokens`, narrowed to what it shares with the splits of the same characters run
/// together into one token: a cell is agreed only when both readings agree on it. An impossible
/// `split` stays impossible.
pub(crate) fn also_unbroken(split: Split, tokens: &[Token], kinds: &[ValueKind]) -> Split {
    let joined = Token {
        chars: tokens.iter().flat_map(|t| t.chars.iter().copied()).collect(),
        offsets: tokens.iter().flat_map(|t| t.offsets.iter().copied()).collect(),
    };
    // Where each token starts in the joined one, to map pieces over.
    let starts: Vec<usize> = tokens
        .iter()
        .scan(0, |at, t| {
            let start = *at;
            *at += t.chars.len();
            Some(start)
        })
        .collect();
    let to_joined = |piece: &Piece| Piece {
        token: 0,
        start: starts[piece.token] + piece.start,
        end: starts[piece.token] + piece.end,
    };
    let mut splits: Vec<Vec<Piece>> = match split {
        Split::Impossible => return Split::Impossible,
        Split::Unique(pieces) | Split::Chosen(pieces) => vec![pieces],
        Split::Ambiguous { splits, .. } if splits.is_empty() => {
            return Split::Ambiguous {
                agreed: vec![None; kinds.len()],
                count: MAX_SPLITS + 1,
                splits,
            }
        }
        Split::Ambiguous { splits, .. } => splits,
    };
    let joined_splits = match split_one(&joined, kinds) {
        Some(all) => all,
        None => {
            return Split::Ambiguous {
                agreed: vec![None; kinds.len()],
                count: MAX_SPLITS + 1,
                splits: Vec::new(),
            }
        }
    };
    // The joined readings, in the tokens' own pieces where they fit them, for the agreement.
    let mut keys: Vec<Vec<Piece>> = splits.iter().map(|s| s.iter().map(to_joined).collect()).collect();
    for reading in joined_splits {
        if !keys.contains(&reading) {
            keys.push(reading);
        }
    }
    if keys.len() == 1 {
        return Split::Unique(splits.pop().unwrap_or_default());
    }
    let agreed = (0..kinds.len())
        .map(|cell| {
            let first = keys[0][cell];
            keys.iter().all(|k| k[cell] == first).then(|| {
                // Give back the piece in the tokens' own terms.
                splits[0][cell]
            })
        })
        .collect();
    Split::Ambiguous {
        agreed,
        count: keys.len(),
        splits,
    }
}

/// Every split of one token under the grammar; `None` past [`MAX_SPLITS`].
fn split_one(token: &Token, kinds: &[ValueKind]) -> Option<Vec<Vec<Piece>>> {
    let mut all = Vec::new();
    let mut current = Vec::with_capacity(kinds.len());
    enumerate(std::slice::from_ref(token), kinds, 0, 0, &mut current, &mut all).then_some(all)
}

/// Whether `pieces` take a part of every token.
fn uses_every_token(tokens: &[Token], pieces: &[Piece]) -> bool {
    (0..tokens.len()).all(|token| pieces.iter().any(|p| p.token == token))
}

/// The integer values of `pieces`.
pub(crate) fn values(tokens: &[Token], pieces: &[Piece]) -> Vec<Option<i64>> {
    pieces
        .iter()
        .map(|p| {
            let text: String = tokens[p.token].chars[p.start..p.end].iter().collect();
            text.strip_prefix('+').unwrap_or(&text).parse().ok()
        })
        .collect()
}

/// Depth-first enumeration; returns `false` when the limit was hit.
fn enumerate(
    tokens: &[Token],
    kinds: &[ValueKind],
    token: usize,
    start: usize,
    current: &mut Vec<Piece>,
    out: &mut Vec<Vec<Piece>>,
) -> bool {
    let cell = current.len();
    if token == tokens.len() {
        if cell == kinds.len() {
            out.push(current.clone());
        }
        return out.len() <= MAX_SPLITS;
    }
    if cell == kinds.len() {
        return true;
    }
    let remaining_cells = kinds.len() - cell;
    let remaining_tokens = tokens.len() - token;
    if remaining_tokens > remaining_cells {
        return true;
    }
    let chars = &tokens[token].chars;
    // Every later cell needs at least one character of what is left.
    let later_chars: usize = tokens[token + 1..].iter().map(|t| t.chars.len()).sum();
    let room = (chars.len() - start + later_chars).saturating_sub(remaining_cells - 1);
    let last_end = chars.len().min(start + room);
    for end in start + 1..=last_end {
        if !is_literal(&chars[start..end], kinds[cell]) {
            // Only amounts can become valid again by growing (`12.` → `12.5`); a leading zero
            // or a misplaced sign never can.
            if kinds[cell] != ValueKind::Amount && end > start + 1 {
                break;
            }
            continue;
        }
        current.push(Piece { token, start, end });
        let (next_token, next_start) = if end == chars.len() {
            (token + 1, 0)
        } else {
            (token, end)
        };
        let ok = enumerate(tokens, kinds, next_token, next_start, current, out);
        current.pop();
        if !ok {
            return false;
        }
    }
    true
}

/// Whether `chars` is a complete value of `kind`: `0` or digits without a leading zero; a sign
/// only for signed counts; a decimal part and a `元`/`万元` unit only for amounts.
pub(crate) fn is_literal(chars: &[char], kind: ValueKind) -> bool {
    let mut rest = chars;
    if kind == ValueKind::SignedCount {
        if let Some((&('+' | '-'), tail)) = rest.split_first() {
            rest = tail;
        }
    }
    if kind == ValueKind::Amount {
        if rest.ends_with(&['万', '元']) {
            rest = &rest[..rest.len() - 2];
        } else if rest.ends_with(&['元']) {
            rest = &rest[..rest.len() - 1];
        }
    }
    let (int, frac) = match rest.iter().position(|&c| c == '.') {
        Some(dot) if kind == ValueKind::Amount => (&rest[..dot], Some(&rest[dot + 1..])),
        Some(_) => return false,
        None => (rest, None),
    };
    let digits = |s: &[char]| !s.is_empty() && s.iter().all(char::is_ascii_digit);
    digits(int) && (int.len() == 1 || int[0] != '0') && frac.is_none_or(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueKind::{Amount, Count, SignedCount};

    fn tokens(texts: &[&str]) -> Vec<Token> {
        texts
            .iter()
            .map(|t| Token {
                chars: t.chars().collect(),
                offsets: (0..t.chars().count()).collect(),
            })
            .collect()
    }

    fn row_sum(values: &[Option<i64>]) -> bool {
        let parts: Option<i64> = values[..values.len() - 1].iter().copied().sum();
        parts.is_some() && parts == values[values.len() - 1]
    }

    fn texts(tokens: &[Token], pieces: &[Piece]) -> Vec<String> {
        pieces
            .iter()
            .map(|p| tokens[p.token].chars[p.start..p.end].iter().collect())
            .collect()
    }

    #[test]
    fn literals_follow_the_column_grammar() {
        let lit = |s: &str, k| is_literal(&s.chars().collect::<Vec<_>>(), k);
        assert!(lit("0", Count) && lit("230", Count));
        assert!(!lit("023", Count) && !lit("00", Count) && !lit("-1", Count));
        assert!(lit("-18", SignedCount) && lit("+2", SignedCount) && !lit("-", SignedCount));
        assert!(lit("75394432.52元", Amount) && lit("4166.241619", Amount) && lit("3万元", Amount));
        assert!(!lit("1.2", Count) && !lit("元", Amount) && !lit(".5", Amount));
    }

    #[test]
    fn spaces_and_row_sums_force_a_split() {
        // Pingtan 2019 `（七）总计23 0 00 0 023`.
        let t = tokens(&["23", "0", "00", "0", "023"]);
        let Split::Unique(pieces) = split(&t, &[Count; 7], &row_sum) else {
            panic!("expected one split by the grammar alone")
        };
        assert_eq!(texts(&t, &pieces), ["23", "0", "0", "0", "0", "0", "23"]);
        // Pingtan 2020 `（七）总计20 0 00 0 121`: only 1 + 20 sums to 21.
        let t = tokens(&["20", "0", "00", "0", "121"]);
        let Split::Chosen(pieces) = split(&t, &[Count; 7], &row_sum) else {
            panic!("expected one split, chosen by the row total")
        };
        assert_eq!(texts(&t, &pieces), ["20", "0", "0", "0", "0", "1", "21"]);
    }

    #[test]
    fn ambiguous_runs_resolve_only_agreed_cells() {
        // Pingtan 2021 `（一）予以公开270020130`: 27 0 0 2 0 1 30 and 2 7 0 0 20 1 30 both sum.
        let t = tokens(&["270020130"]);
        let Split::Ambiguous { agreed, count, .. } = split(&t, &[Count; 7], &row_sum) else {
            panic!("expected ambiguity")
        };
        assert!(count >= 2);
        let resolved: Vec<Option<String>> = agreed
            .iter()
            .map(|p| p.map(|p| t[0].chars[p.start..p.end].iter().collect()))
            .collect();
        assert_eq!(resolved[6].as_deref(), Some("30"));
        assert_eq!(resolved[0], None);
    }

    #[test]
    fn a_sign_fixes_the_signed_column() {
        // Pingtan 2020 `行政处罚2648-18538`: the delta starts at the sign, so 2648 is certain.
        let t = tokens(&["2648-18538"]);
        let kinds = [Count, SignedCount, Count];
        let Split::Ambiguous { agreed, .. } = split(&t, &kinds, &|_| true) else {
            panic!("expected ambiguity")
        };
        assert_eq!(
            agreed[0],
            Some(Piece {
                token: 0,
                start: 0,
                end: 4
            })
        );
        assert_eq!(agreed[1], None);
        // `行政事业性收费35-15` has a single split.
        let t = tokens(&["35-15"]);
        let Split::Unique(pieces) = split(&t, &kinds[..2], &|_| true) else {
            panic!("expected one split")
        };
        assert_eq!(texts(&t, &pieces), ["35", "-15"]);
    }

    #[test]
    fn a_run_set_apart_may_be_a_stray_number() {
        // `1000001` followed by a stray ` 11`: 10 0 0 0 0 1 11 sums as well as 1 0 0 0 0 0 1
        // without the stray, so no cell is certain but the zeros both readings share.
        let t = tokens(&["1000001", "11"]);
        let Split::Ambiguous { agreed, count, .. } = split(&t, &[Count; 7], &row_sum) else {
            panic!("expected ambiguity")
        };
        assert_eq!(count, 2);
        assert_eq!(agreed[0], None);
        assert_eq!(agreed[6], None);
        // One run too many, and only leaving out the trailing `5` keeps the row total.
        let t = tokens(&["23", "0", "0", "0", "0", "0", "23", "5"]);
        let Split::Chosen(pieces) = split(&t, &[Count; 7], &row_sum) else {
            panic!("expected the split without the stray run")
        };
        assert_eq!(texts(&t, &pieces), ["23", "0", "0", "0", "0", "0", "23"]);
        assert!(pieces.iter().all(|p| p.token != 7));
    }

    #[test]
    fn a_split_must_keep_the_sums_even_when_it_is_the_only_one() {
        let t = tokens(&["1111116"]);
        assert!(matches!(split(&t, &[Count; 7], &row_sum), Split::Unique(_)));
        // Seven digits, one split by the grammar, and 1 + 1 + 1 + 1 + 1 + 1 ≠ 1.
        let t = tokens(&["1111111"]);
        assert!(matches!(split(&t, &[Count; 7], &row_sum), Split::Impossible));
        let t = tokens(&["12000003"]);
        assert!(matches!(split(&t, &[Count; 7], &row_sum), Split::Impossible));
    }
}
