use hexlint::files::hygiene::license_text::{TextVerdict, check_text};
use hexlint::files::hygiene::secrets::scan_content;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args[1] == "lic" {
        let (mut m, mut u, mut x) = (0, 0, 0);
        for path in &args[3..] {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            match check_text(&text, &[args[2].as_str()]) {
                TextVerdict::Matches => m += 1,
                TextVerdict::Unclear => {
                    u += 1;
                }
                TextVerdict::Mismatch(f) => {
                    x += 1;
                    println!("MISMATCH {path}: {} {:.2}", f.id, f.score);
                }
            }
        }
        println!("matches {m} unclear {u} mismatch {x}");
    } else {
        for path in &args[2..] {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            for f in scan_content(&bytes) {
                println!("{path}:{} {} {}", f.line, f.rule, f.hint);
            }
        }
    }
}
