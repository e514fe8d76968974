//! zonewright: design IEC 62443 zone-and-conduit architectures of industrial plants.

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod command;
pub mod edit;
pub mod export;
pub mod file;
pub mod generate;
pub mod import;
pub mod model;
pub(crate) mod palette;
pub mod report;
pub mod revision;
pub mod samples;
pub mod ui;

/// `n` and a noun in the number it takes: "1 zone", "2 zones", "0 zones".
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_take_the_singular_for_one() {
        assert_eq!(super::count_of(1, "zone", "zones"), "1 zone");
        assert_eq!(super::count_of(0, "zone", "zones"), "0 zones");
        assert_eq!(super::count_of(2, "item", "items"), "2 items");
    }
}
