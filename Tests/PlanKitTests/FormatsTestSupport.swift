import Foundation
import ZIPFoundation

/// Builds zip archives byte by byte, so tests can also write the damaged and hostile ones
/// (lying sizes, bad checksums) that no zip library would.
struct ZipBuilder {
    struct Entry {
        var name: String
        var stored: Data
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
    }

    var entries: [Entry] = []

    /// Adds `data` deflated (or stored); `declaredSize` and `crc` override the true values.
    mutating func add(_ name: String, _ data: Data, deflate: Bool = true, declaredSize: Int? = nil, crc: UInt32? = nil) {
        let body = deflate ? Self.deflate(data) : data
        entries.append(Entry(name: name, stored: body, method: deflate ? 8 : 0, crc: crc ?? data.crc32(checksum: 0),
                             compressedSize: body.count, uncompressedSize: declaredSize ?? data.count))
    }

    mutating func add(_ name: String, _ text: String) { add(name, Data(text.utf8)) }

    /// Raw deflate (no zlib header), as zip stores it.
    static func deflate(_ data: Data) -> Data {
        var out = Data()
        var offset = 0
        _ = try? Data.compress(size: Int64(data.count), bufferSize: 64 << 10, provider: { _, size in
            let piece = data[offset..<min(offset + size, data.count)]
            offset += piece.count
            return Data(piece)
        }, consumer: { out.append($0) })
        return out
    }

    func build() -> Data {
        var out = Data()
        var central = Data()
        for e in entries {
            let offset = out.count
            let name = Data(e.name.utf8)
            out.le32(0x0403_4B50); out.le16(20); out.le16(0x0800); out.le16(e.method); out.le16(0); out.le16(0x21)
            out.le32(e.crc); out.le32(UInt32(e.compressedSize)); out.le32(UInt32(e.uncompressedSize))
            out.le16(UInt16(name.count)); out.le16(0)
            out.append(name); out.append(e.stored)
            central.le32(0x0201_4B50); central.le16(20); central.le16(20); central.le16(0x0800); central.le16(e.method)
            central.le16(0); central.le16(0x21); central.le32(e.crc); central.le32(UInt32(e.compressedSize))
            central.le32(UInt32(e.uncompressedSize)); central.le16(UInt16(name.count)); central.le16(0); central.le16(0)
            central.le16(0); central.le16(0); central.le32(0); central.le32(UInt32(offset))
            central.append(name)
        }
        let cdOffset = out.count
        out.append(central)
        out.le32(0x0605_4B50); out.le16(0); out.le16(0); out.le16(UInt16(entries.count)); out.le16(UInt16(entries.count))
        out.le32(UInt32(central.count)); out.le32(UInt32(cdOffset)); out.le16(0)
        return out
    }
}

extension Data {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { le16(UInt16(v & 0xFFFF)); le16(UInt16(v >> 16)) }
}

/// Where the format fixtures made by real office software live (`scripts/make-fixtures`).
enum FormatFixtures {
    static let dir = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/formats")
    static func url(_ name: String) -> URL { dir.appendingPathComponent(name) }
    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}
