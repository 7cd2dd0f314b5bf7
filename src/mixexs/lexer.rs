//! Tokens of Elixir source, with spans. Also used by module discovery to skip strings, heredocs,
//! sigils and comments.
