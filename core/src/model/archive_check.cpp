#include "sdd/model/archive_check.h"

#include <zlib.h>

#include <array>
#include <map>

namespace sdd {
namespace {

std::uint32_t le32(const std::vector<std::uint8_t>& b, std::size_t at) {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (std::uint32_t(b[at + 3]) << 24);
}
std::uint16_t le16(const std::vector<std::uint8_t>& b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

constexpr std::uint32_t kEndOfCentralDir = 0x06054b50, kCentralEntry = 0x02014b50,
                        kLocalEntry = 0x04034b50;

void putLe(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

std::string makeStoredZip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, dir;
  for (const auto& [name, data] : entries) {
    const auto crc = crc32(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    const auto offset = out.size();
    putLe(out, kLocalEntry, 4);
    for (int v : {20, 0, 0, 0, 0}) putLe(out, v, 2);  // version, flags, method, time, date
    putLe(out, crc, 4), putLe(out, data.size(), 4), putLe(out, data.size(), 4);
    putLe(out, name.size(), 2), putLe(out, 0, 2);
    out += name + data;
    putLe(dir, kCentralEntry, 4);
    for (int v : {20, 20, 0, 0, 0, 0}) putLe(dir, v, 2);
    putLe(dir, crc, 4), putLe(dir, data.size(), 4), putLe(dir, data.size(), 4);
    for (int v : {static_cast<int>(name.size()), 0, 0, 0, 0})
      putLe(dir, static_cast<std::uint64_t>(v), 2);
    putLe(dir, 0, 4), putLe(dir, offset, 4);
    dir += name;
  }
  const auto dirOffset = out.size();
  out += dir;
  putLe(out, kEndOfCentralDir, 4);
  putLe(out, 0, 2), putLe(out, 0, 2), putLe(out, entries.size(), 2), putLe(out, entries.size(), 2);
  putLe(out, dir.size(), 4), putLe(out, dirOffset, 4), putLe(out, 0, 2);
  return out;
}

std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string checkZipArchive(const std::vector<std::uint8_t>& b) {
  std::map<std::string, ZipEntry> ignored;
  return checkZipArchive(b, ignored);
}

std::string checkZipArchive(const std::vector<std::uint8_t>& b,
                            std::map<std::string, ZipEntry>& stored) {
  stored.clear();
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65535 bytes.
  if (b.size() < 22)
    return "too short to be a model archive (" + std::to_string(b.size()) + " bytes)";
  std::size_t eocd = std::string::npos;
  const std::size_t lowest = b.size() >= 22 + 65535 ? b.size() - 22 - 65535 : 0;
  for (std::size_t i = b.size() - 22 + 1; i-- > lowest;) {
    if (le32(b, i) == kEndOfCentralDir && i + 22 + le16(b, i + 20) == b.size()) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string::npos)
    return "not a model archive or truncated (no ZIP directory at its end)";
  const std::size_t entries = le16(b, eocd + 10);
  const std::uint64_t dirSize = le32(b, eocd + 12), dirOffset = le32(b, eocd + 16);
  if (dirOffset == 0xFFFFFFFFu || entries == 0xFFFF) return "ZIP64 archives are not model files";
  if (dirOffset + dirSize > eocd) return "damaged archive (ZIP directory out of bounds)";
  std::size_t at = static_cast<std::size_t>(dirOffset);
  for (std::size_t n = 0; n < entries; ++n) {
    if (at + 46 > eocd || le32(b, at) != kCentralEntry)
      return "damaged archive (ZIP directory entry " + std::to_string(n) + ")";
    const std::uint16_t method = le16(b, at + 10);
    const std::uint32_t crc = le32(b, at + 16);
    const std::uint64_t compressed = le32(b, at + 20), size = le32(b, at + 24);
    const std::size_t nameLen = le16(b, at + 28), extraLen = le16(b, at + 30),
                      commentLen = le16(b, at + 32);
    const std::uint64_t local = le32(b, at + 42);
    if (at + 46 + nameLen > eocd) return "damaged archive (ZIP entry name out of bounds)";
    const std::string name(b.begin() + at + 46, b.begin() + at + 46 + nameLen);
    if (compressed == 0xFFFFFFFFu || size == 0xFFFFFFFFu || local == 0xFFFFFFFFu)
      return "ZIP64 archives are not model files";
    if (local + 30 > dirOffset || le32(b, static_cast<std::size_t>(local)) != kLocalEntry)
      return "damaged archive (entry '" + name + "' has no local header)";
    const std::size_t localNameLen = le16(b, local + 26);
    if (local + 30 + localNameLen > dirOffset ||
        name != std::string(b.begin() + local + 30, b.begin() + local + 30 + localNameLen))
      return "damaged archive (entry '" + name + "' is named differently in its local header)";
    const std::uint64_t data = local + 30 + localNameLen + le16(b, local + 28);
    if (data + compressed > dirOffset)
      return "truncated or damaged archive (entry '" + name + "' out of bounds)";
    std::uint32_t actual = 0;
    if (method == 0) {  // stored: tensors and pickles
      if (compressed != size) return "damaged archive (entry '" + name + "' sizes disagree)";
      actual = crc32(b.data() + data, static_cast<std::size_t>(size));
      stored[name] = ZipEntry{static_cast<std::size_t>(data), static_cast<std::size_t>(size)};
    } else if (method == 8) {  // deflated: LibTorch compresses its TorchScript text
      if (size > (std::uint64_t(1) << 30))
        return "damaged archive (entry '" + name + "' claims over 1 GB)";
      std::vector<std::uint8_t> out(static_cast<std::size_t>(size) + 1);
      z_stream z{};
      if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return "cannot check the archive (zlib)";
      z.next_in = const_cast<Bytef*>(b.data() + data);
      z.avail_in = static_cast<uInt>(compressed);
      z.next_out = out.data();
      z.avail_out = static_cast<uInt>(out.size());
      const int rc = inflate(&z, Z_FINISH);
      const std::size_t produced = out.size() - z.avail_out;
      inflateEnd(&z);
      if (rc != Z_STREAM_END || produced != size)
        return "damaged archive (entry '" + name + "' does not decompress)";
      actual = crc32(out.data(), produced);
    } else {
      return "damaged archive (entry '" + name + "' uses compression method " +
             std::to_string(method) + ")";
    }
    if (actual != crc) return "damaged archive (entry '" + name + "' fails its CRC check)";
    at += 46 + nameLen + extraLen + commentLen;
  }
  return {};
}

}  // namespace sdd
