//! The arrow keys' directions: their names in the command table and the scene offset of a
//! nudge step.

/// A direction of the arrow keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Direction {
    pub const ALL: [Direction; 4] = [
        Direction::Left,
        Direction::Right,
        Direction::Up,
        Direction::Down,
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Direction::Left => "left",
            Direction::Right => "right",
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }

    /// The scene offset of one step.
    pub(super) fn offset(self, step: f32) -> (f32, f32) {
        match self {
            Direction::Left => (-step, 0.0),
            Direction::Right => (step, 0.0),
            Direction::Up => (0.0, -step),
            Direction::Down => (0.0, step),
        }
    }
}
