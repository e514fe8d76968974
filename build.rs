//! Build script: embeds the application icon and the version information in the Windows exe
//! (with mingw's windres when cross-compiling); does nothing for other targets.

fn main() {
    println!("cargo:rerun-if-changed=assets/icon/zonewright.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icon/zonewright.ico")
        .set(
            "FileDescription",
            "zonewright: IEC 62443 zones and conduits",
        )
        .set("ProductName", "zonewright")
        .set("OriginalFilename", "zonewright.exe")
        .set("InternalName", "zonewright");
    if let Err(e) = res.compile() {
        // without windres the exe would silently lack its icon: fail the build instead
        panic!("cannot embed the Windows resources (is mingw's windres installed?): {e}");
    }
}
