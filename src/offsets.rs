//! The offset map from cleaned text back to the decoded input.
//!
//! Cleaning removes markup and duplicates and turns entities into characters,
//! so a byte offset in the cleaned text is not a position in the input. The
//! map is a list of runs: a *verbatim* run copies input characters one for one,
//! a *synthetic* run stands for a stretch of input (an entity, a tag turned
//! into a line break) as a whole. Spans in the output are `[start, end)` in
//! Unicode code points of the decoded input.

/// Verbatim runs are split at this many bytes.
const MAX_RUN_BYTES: usize = 512;

/// One run of cleaned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// Byte offset in the cleaned text where the run starts.
    clean: usize,
    /// Code-point offset in the input where the run starts.
    input: usize,
    /// Code points of input the run covers.
    chars: usize,
    /// Verbatim runs copy input characters one for one.
    verbatim: bool,
}

/// Text built piece by piece, remembering where each piece came from.
#[derive(Debug, Default, Clone)]
pub struct MappedText {
    pub text: String,
    runs: Vec<Run>,
}

impl MappedText {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `s`, copied verbatim from input code point `input` on.
    pub fn push_verbatim(&mut self, s: &str, input: usize) {
        // Runs are kept short so that mapping an offset counts few characters.
        let mut rest = s;
        let mut input = input;
        while !rest.is_empty() {
            let room = match self.runs.last() {
                Some(last) if last.verbatim && last.input + last.chars == input => {
                    MAX_RUN_BYTES.saturating_sub(self.text.len() - last.clean)
                }
                _ => 0,
            };
            if room > 0 {
                let cut = rest.floor_char_boundary(room.min(rest.len()));
                if cut > 0 {
                    let n = rest[..cut].chars().count();
                    if let Some(last) = self.runs.last_mut() {
                        last.chars += n;
                    }
                    self.text.push_str(&rest[..cut]);
                    rest = &rest[cut..];
                    input += n;
                    continue;
                }
            }
            let cut = rest
                .floor_char_boundary(MAX_RUN_BYTES.min(rest.len()))
                .max(rest.ceil_char_boundary(1));
            let n = rest[..cut].chars().count();
            self.runs.push(Run {
                clean: self.text.len(),
                input,
                chars: n,
                verbatim: true,
            });
            self.text.push_str(&rest[..cut]);
            rest = &rest[cut..];
            input += n;
        }
    }

    /// Appends `s` standing for input code points `[input, input + chars)`.
    pub fn push_synthetic(&mut self, s: &str, input: usize, chars: usize) {
        if s.is_empty() {
            return;
        }
        self.runs.push(Run {
            clean: self.text.len(),
            input,
            chars,
            verbatim: false,
        });
        self.text.push_str(s);
    }

    /// Appends the byte range `[a, b)` of `src`, keeping its mapping.
    pub fn copy_from(&mut self, src: &MappedText, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let mut i = src.run_index(a);
        let mut pos = a;
        while pos < b && i < src.runs.len() {
            let run = src.runs[i];
            let run_end = src.runs.get(i + 1).map_or(src.text.len(), |r| r.clean);
            let end = run_end.min(b);
            let piece = &src.text[pos..end];
            if run.verbatim {
                let skipped = src.text[run.clean..pos].chars().count();
                self.push_verbatim(piece, run.input + skipped);
            } else {
                self.push_synthetic(piece, run.input, run.chars);
            }
            pos = end;
            i += 1;
        }
    }

    fn run_index(&self, byte: usize) -> usize {
        match self.runs.binary_search_by(|r| r.clean.cmp(&byte)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// Input code point where the character at cleaned byte `byte` starts.
    pub fn input_start(&self, byte: usize) -> usize {
        if self.runs.is_empty() {
            return 0;
        }
        if byte >= self.text.len() {
            return self.runs.last().map_or(0, |r| r.input + r.chars);
        }
        let run = self.runs[self.run_index(byte)];
        if run.verbatim {
            run.input + self.text[run.clean..byte].chars().count()
        } else {
            run.input
        }
    }

    /// Input code point just past the character that ends before cleaned byte `byte`.
    pub fn input_end(&self, byte: usize) -> usize {
        let Some(last) = self.text[..byte.min(self.text.len())].chars().next_back() else {
            return self.runs.first().map_or(0, |r| r.input);
        };
        let p = byte.min(self.text.len()) - last.len_utf8();
        let run = self.runs[self.run_index(p)];
        if run.verbatim {
            run.input + self.text[run.clean..p].chars().count() + 1
        } else {
            run.input + run.chars
        }
    }

    /// `[start, end)` in input code points for the cleaned byte range `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> [usize; 2] {
        if a >= b {
            let s = self.input_start(a);
            return [s, s];
        }
        [self.input_start(a), self.input_end(b)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_and_synthetic_runs_map_back() {
        // input: "<p>会议&nbsp;召开</p>"
        let mut m = MappedText::new();
        m.push_synthetic("\n", 0, 3);
        m.push_verbatim("会议", 3);
        m.push_synthetic(" ", 5, 6);
        m.push_verbatim("召开", 11);
        let a = m.text.find("会议").unwrap();
        assert_eq!(m.span(a, a + "会议".len()), [3, 5]);
        let b = m.text.find("召开").unwrap();
        assert_eq!(m.span(a, b + "召开".len()), [3, 13]);
        let sp = m.text.find(' ').unwrap();
        assert_eq!(m.span(sp, sp + 1), [5, 11]);
    }

    #[test]
    fn copy_keeps_mapping() {
        let mut src = MappedText::new();
        src.push_verbatim("甲乙丙丁", 10);
        let mut dst = MappedText::new();
        let a = "甲乙".len();
        dst.copy_from(&src, a, src.text.len());
        assert_eq!(dst.text, "丙丁");
        assert_eq!(dst.span(0, dst.text.len()), [12, 14]);
    }
}
