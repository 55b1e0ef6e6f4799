//! Go's `text/tabwriter`, as kubectl configures it: `get` (minimum width 6, padding 3) and
//! `describe` (minimum width 0, padding 2), both padding with spaces and no flags.
//!
//! A cell is text ended by a tab; the text after a line's last tab is not a cell and is never
//! padded. A column block is a run of consecutive lines that all have a cell in that column: its
//! width is its widest cell plus the padding (at least the minimum width). A line without a cell
//! in the column ends the block, which is why a `describe` heading such as `Addresses:` starts a
//! new alignment for the lines under it.

/// `kubectl get`'s tables.
pub const GET: (usize, usize) = (6, 3);
/// `kubectl describe`'s text.
pub const DESCRIBE: (usize, usize) = (0, 2);

/// Aligns `text` as Go's tabwriter does with `(minwidth, padding)`.
pub fn align(text: &str, (minwidth, padding): (usize, usize)) -> String {
    let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut w = Writer {
        lines: &lines,
        widths: Vec::new(),
        minwidth,
        padding,
        out: String::with_capacity(text.len() * 2),
    };
    w.format(0, lines.len());
    w.out
}

struct Writer<'a> {
    lines: &'a [Vec<&'a str>],
    widths: Vec<usize>,
    minwidth: usize,
    padding: usize,
    out: String,
}

impl Writer<'_> {
    /// Whether line `i` has a (tab-ended) cell in `column`.
    fn has_cell(&self, i: usize, column: usize) -> bool {
        column + 1 < self.lines[i].len()
    }

    /// Go's `Writer.format`: finds the column blocks of `column = widths.len()` among lines
    /// `line0..line1`, and formats the columns to their right within each block.
    fn format(&mut self, mut line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            if !self.has_cell(this, column) {
                this += 1;
                continue;
            }
            self.write_lines(line0, this);
            line0 = this;
            let mut width = self.minwidth;
            while this < line1 && self.has_cell(this, column) {
                width = width.max(self.lines[this][column].chars().count() + self.padding);
                this += 1;
            }
            self.widths.push(width);
            self.format(line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(line0, line1);
    }

    fn write_lines(&mut self, line0: usize, line1: usize) {
        for i in line0..line1 {
            let line = &self.lines[i];
            for (j, cell) in line.iter().enumerate() {
                self.out.push_str(cell);
                if j + 1 < line.len() {
                    if let Some(width) = self.widths.get(j) {
                        let pad = width.saturating_sub(cell.chars().count());
                        self.out.extend(std::iter::repeat_n(' ', pad));
                    }
                }
            }
            if i + 1 < self.lines.len() {
                self.out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_take_their_widest_cell_plus_padding() {
        let text = "NAME\tREADY\tSTATUS\nnginx\t1/1\tRunning\n";
        assert_eq!(
            align(text, GET),
            "NAME    READY   STATUS\nnginx   1/1     Running\n"
        );
    }

    #[test]
    fn a_line_without_the_column_starts_a_new_block() {
        let text = "Name:\tminikube\nAddresses:\n  InternalIP:\t192.168.64.2\n  Hostname:\tminikube\nCapacity:\n";
        assert_eq!(
            align(text, DESCRIBE),
            "Name:  minikube\nAddresses:\n  InternalIP:  192.168.64.2\n  Hostname:    minikube\nCapacity:\n"
        );
    }

    #[test]
    fn nested_columns_and_empty_cells() {
        // The second column exists only on the `Port:` line: its own block.
        let text = "Port:\t<unset>\t80/TCP\nTargetPort:\t80/TCP\nLabels:\ta=b\n\tc=d\n";
        assert_eq!(
            align(text, DESCRIBE),
            "Port:        <unset>  80/TCP\nTargetPort:  80/TCP\nLabels:      a=b\n             c=d\n"
        );
    }

    #[test]
    fn the_minimum_width_holds_for_narrow_columns() {
        assert_eq!(align("A\tB\nx\ty\n", GET), "A     B\nx     y\n");
    }
}
