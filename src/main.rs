fn main() {
    std::process::exit(hexlint::cli::run().code());
}
