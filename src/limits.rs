//! Hard limits that keep hostile input from exhausting memory, the stack or time. Each limit has
//! its own error when hit, naming it (see [`crate::load::LoadError`]).

/// Largest mix.exs hexlint reads (real ones are a few KiB; Mix itself has no limit).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// Deepest nesting of brackets, blocks and operators the parser accepts.
pub const MAX_NESTING_DEPTH: usize = 256;

/// Evaluation steps (expressions visited) before evaluation gives up with "unknown": the budget
/// of each top-level key of `project/0` and of each dependency entry (and of the file outside
/// them), so that an expensive value cannot make its neighbours unknown.
pub const MAX_EVAL_STEPS: usize = 1_000_000;

/// Evaluation steps for the whole file, all budgets together: bounds the work whatever the input.
pub const MAX_TOTAL_EVAL_STEPS: usize = 4_000_000;

/// Nested expressions (across function calls) the evaluator follows before giving up with
/// "unknown"; keeps evaluation's recursion bounded whatever the input.
pub const MAX_EVAL_DEPTH: usize = 2_048;

/// Nested calls of the module's own functions before evaluation gives up with "unknown".
pub const MAX_CALL_DEPTH: usize = 128;

/// Largest value (list elements, string bytes) evaluation builds before giving up with "unknown".
pub const MAX_VALUE_BYTES: usize = 16 * 1024 * 1024;
