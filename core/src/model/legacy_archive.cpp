#include "model/legacy_archive.h"

#include <cstring>
#include <memory>

#include "model/tensor_file.h"
#include "sdd/model/model_spec.h"

namespace sdd::legacy {
namespace {

// A value on the pickle machine's stack.
struct Value;
using ValuePtr = std::shared_ptr<Value>;
struct Value {
  enum class Kind {
    None,
    Bool,
    Int,
    Float,
    Str,
    Tuple,
    List,
    Dict,
    Object,
    Global,
    Storage,
    Tensor
  };
  Kind kind = Kind::None;
  bool b = false;
  std::int64_t i = 0;
  double f = 0;
  std::string s;                                    // Str; Global "module name"; Object class
  std::vector<ValuePtr> items;                      // Tuple, List
  std::vector<std::pair<ValuePtr, ValuePtr>> dict;  // Dict; Object attributes
  TensorRef tensor;                                 // Storage (key, dtype); Tensor
};

ValuePtr make(Value::Kind k) {
  auto v = std::make_shared<Value>();
  v->kind = k;
  return v;
}

constexpr std::size_t kMaxStack = 1 << 20, kMaxMemo = 1 << 20, kMaxDims = 16;

// The subset of pickle protocol 2 that torch::serialize::OutputArchive writes. Anything else
// (any other global, any opcode that could run code) is refused.
class Unpickler {
 public:
  Unpickler(const std::uint8_t* data, std::size_t size, std::string bad)
      : p_(data), end_(data + size), bad_(std::move(bad)) {}

  ValuePtr run() {
    while (true) {
      const std::size_t at = static_cast<std::size_t>(p_ - begin_());
      const std::uint8_t op = byte();
      switch (op) {
        case 0x80:
          byte();
          break;  // PROTO
        case '.':
          return pop();  // STOP
        case 'c': {      // GLOBAL
          auto g = make(Value::Kind::Global);
          const std::string module = line();  // two statements: operand order is unspecified
          g->s = module + " " + line();
          push(g);
          break;
        }
        case 'q':
          memoPut(byte());
          break;
        case 'r':
          memoPut(u32());
          break;
        case 'h':
          push(memoGet(byte()));
          break;
        case 'j':
          push(memoGet(u32()));
          break;
        case '(':
          marks_.push_back(stack_.size());
          break;
        case ')':
          push(make(Value::Kind::Tuple));
          break;
        case ']':
          push(make(Value::Kind::List));
          break;
        case '}':
          push(make(Value::Kind::Dict));
          break;
        case 'N':
          push(make(Value::Kind::None));
          break;
        case 0x88:
        case 0x89: {
          auto v = make(Value::Kind::Bool);
          v->b = op == 0x88;
          push(v);
          break;
        }
        case 'K':
          pushInt(byte());
          break;
        case 'M':
          pushInt(u16());
          break;
        case 'J':
          pushInt(static_cast<std::int32_t>(u32()));
          break;
        case 0x8a: {  // LONG1: n little-endian two's-complement bytes
          const std::size_t n = byte();
          if (n > 8) fail("integer wider than 64 bits");
          std::uint64_t v = 0;
          for (std::size_t k = 0; k < n; ++k) v |= static_cast<std::uint64_t>(byte()) << (8 * k);
          if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1) v |= ~std::uint64_t(0) << (8 * n);
          pushInt(static_cast<std::int64_t>(v));
          break;
        }
        case 'G': {  // BINFLOAT, big-endian
          std::uint64_t v = 0;
          for (int k = 0; k < 8; ++k) v = (v << 8) | byte();
          auto f = make(Value::Kind::Float);
          std::memcpy(&f->f, &v, 8);
          push(f);
          break;
        }
        case 'X':
          pushStr(u32());
          break;  // BINUNICODE
        case 0x8c:
          pushStr(byte());
          break;  // SHORT_BINUNICODE
        case 'T':
          pushStr(u32());
          break;  // BINSTRING
        case 'U':
          pushStr(byte());
          break;  // SHORT_BINSTRING
        case 't':
          push(tupleOf(popToMark()));
          break;
        case 0x85:
        case 0x86:
        case 0x87: {
          std::vector<ValuePtr> items(op - 0x84);
          for (std::size_t k = items.size(); k-- > 0;) items[k] = pop();
          push(tupleOf(std::move(items)));
          break;
        }
        case 'a': {  // APPEND
          auto v = pop();
          expect(top(), Value::Kind::List, "APPEND")->items.push_back(v);
          break;
        }
        case 'e': {  // APPENDS
          auto items = popToMark();
          auto& list = expect(top(), Value::Kind::List, "APPENDS")->items;
          list.insert(list.end(), items.begin(), items.end());
          break;
        }
        case 's': {  // SETITEM
          auto v = pop(), k = pop();
          expect(top(), Value::Kind::Dict, "SETITEM")->dict.emplace_back(k, v);
          break;
        }
        case 'u': {  // SETITEMS
          auto items = popToMark();
          if (items.size() % 2) fail("odd SETITEMS");
          auto& d = expect(top(), Value::Kind::Dict, "SETITEMS")->dict;
          for (std::size_t k = 0; k < items.size(); k += 2) d.emplace_back(items[k], items[k + 1]);
          break;
        }
        case 0x81: {  // NEWOBJ: a TorchScript module object
          auto args = pop(), cls = pop();
          expect(cls, Value::Kind::Global, "NEWOBJ");
          if (cls->s.rfind("__torch__", 0) != 0) fail("object of class '" + cls->s + "'");
          auto o = make(Value::Kind::Object);
          o->s = cls->s;
          push(o);
          break;
        }
        case 'b': {  // BUILD: the object's attributes
          auto state = pop();
          auto o = expect(top(), Value::Kind::Object, "BUILD");
          expect(state, Value::Kind::Dict, "BUILD");
          o->dict = state->dict;
          break;
        }
        case 'Q':
          push(persistent(pop()));
          break;  // BINPERSID: a storage
        case 'R': {
          auto args = pop(), fn = pop();
          push(reduce(expect(fn, Value::Kind::Global, "REDUCE"),
                      expect(args, Value::Kind::Tuple, "REDUCE")));
          break;
        }
        default: {
          char hex[8];
          std::snprintf(hex, sizeof hex, "0x%02x", op);
          fail(std::string("unsupported pickle opcode ") + hex + " at byte " + std::to_string(at));
        }
      }
    }
  }

 private:
  const std::uint8_t* begin_() const { return end_ - size_; }
  [[noreturn]] void fail(const std::string& why) const {
    throw ModelError(bad_ + "data.pkl: " + why);
  }

  std::uint8_t byte() {
    if (p_ >= end_) fail("ends early");
    return *p_++;
  }
  std::uint16_t u16() { return static_cast<std::uint16_t>(byte() | (byte() << 8)); }
  std::uint32_t u32() {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) v |= static_cast<std::uint32_t>(byte()) << (8 * k);
    return v;
  }
  std::string line() {
    std::string s;
    for (std::uint8_t c = byte(); c != '\n'; c = byte()) {
      if (s.size() > 256) fail("overlong global name");
      s += static_cast<char>(c);
    }
    return s;
  }

  void push(ValuePtr v) {
    if (stack_.size() >= kMaxStack) fail("stack too deep");
    stack_.push_back(std::move(v));
  }
  ValuePtr pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
      fail("stack underflow");
    auto v = std::move(stack_.back());
    stack_.pop_back();
    return v;
  }
  const ValuePtr& top() const {
    if (stack_.empty()) fail("stack underflow");
    return stack_.back();
  }
  std::vector<ValuePtr> popToMark() {
    if (marks_.empty()) fail("no MARK");
    const std::size_t m = marks_.back();
    marks_.pop_back();
    std::vector<ValuePtr> items(stack_.begin() + static_cast<std::ptrdiff_t>(m), stack_.end());
    stack_.resize(m);
    return items;
  }
  void pushInt(std::int64_t v) {
    auto i = make(Value::Kind::Int);
    i->i = v;
    push(i);
  }
  void pushStr(std::size_t n) {
    if (n > static_cast<std::size_t>(end_ - p_)) fail("string runs past the end");
    auto s = make(Value::Kind::Str);
    s->s.assign(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    push(s);
  }
  void memoPut(std::uint32_t k) {
    if (memo_.size() >= kMaxMemo && !memo_.count(k)) fail("memo too large");
    memo_[k] = top();
  }
  ValuePtr memoGet(std::uint32_t k) const {
    const auto it = memo_.find(k);
    if (it == memo_.end()) fail("memo entry " + std::to_string(k) + " missing");
    return it->second;
  }
  static ValuePtr tupleOf(std::vector<ValuePtr> items) {
    auto t = make(Value::Kind::Tuple);
    t->items = std::move(items);
    return t;
  }
  const ValuePtr& expect(const ValuePtr& v, Value::Kind k, const char* op) const {
    if (v->kind != k) fail(std::string("unexpected value for ") + op);
    return v;
  }
  std::int64_t intOf(const ValuePtr& v, const char* what) const {
    if (v->kind != Value::Kind::Int) fail(std::string(what) + " is not an integer");
    return v->i;
  }
  std::vector<std::int64_t> intsOf(const ValuePtr& v, const char* what) const {
    if (v->kind != Value::Kind::Tuple || v->items.size() > kMaxDims)
      fail(std::string(what) + " is not a shape");
    std::vector<std::int64_t> out;
    for (const auto& x : v->items) out.push_back(intOf(x, what));
    return out;
  }

  // ('storage', torch.FloatStorage, key, location, numel)
  ValuePtr persistent(const ValuePtr& pid) const {
    if (pid->kind != Value::Kind::Tuple || pid->items.size() != 5 ||
        pid->items[0]->kind != Value::Kind::Str || pid->items[0]->s != "storage" ||
        pid->items[1]->kind != Value::Kind::Global || pid->items[2]->kind != Value::Kind::Str)
      fail("unsupported persistent id");
    auto st = make(Value::Kind::Storage);
    const std::string& type = pid->items[1]->s;
    if (type == "torch FloatStorage")
      st->tensor.dtype = torch::kFloat32;
    else if (type == "torch LongStorage")
      st->tensor.dtype = torch::kInt64;
    else
      fail("unsupported storage type '" + type + "'");
    st->tensor.storage = pid->items[2]->s;
    return st;
  }

  ValuePtr reduce(const ValuePtr& fn, const ValuePtr& args) const {
    if (fn->s == "collections OrderedDict") {
      if (!args->items.empty()) fail("OrderedDict with arguments");
      return make(Value::Kind::Dict);
    }
    if (fn->s == "torch._utils _rebuild_tensor_v2") {
      // (storage, storage offset, sizes, strides, requires_grad, backward hooks)
      if (args->items.size() < 4 || args->items[0]->kind != Value::Kind::Storage)
        fail("malformed tensor");
      auto t = make(Value::Kind::Tensor);
      t->tensor = args->items[0]->tensor;
      t->tensor.offset = intOf(args->items[1], "tensor offset");
      t->tensor.sizes = intsOf(args->items[2], "tensor sizes");
      t->tensor.strides = intsOf(args->items[3], "tensor strides");
      if (t->tensor.sizes.size() != t->tensor.strides.size())
        fail("tensor sizes and strides disagree");
      return t;
    }
    fail("unsupported call '" + fn->s + "'");
  }

  const std::uint8_t* p_;
  const std::uint8_t* end_;
  const std::size_t size_ = static_cast<std::size_t>(end_ - p_);
  std::string bad_;
  std::vector<ValuePtr> stack_;
  std::vector<std::size_t> marks_;
  std::map<std::uint32_t, ValuePtr> memo_;
};

// Attribute paths of nested module objects, "a.b.c" → leaf. Tuples and lists are skipped.
void flatten(const ValuePtr& v, const std::string& prefix, int depth,
             std::map<std::string, Leaf>& out, const std::string& bad) {
  if (depth > 32) throw ModelError(bad + "data.pkl: objects nested too deep");
  for (const auto& [k, x] : v->dict) {
    if (k->kind != Value::Kind::Str) continue;
    const std::string path = prefix.empty() ? k->s : prefix + "." + k->s;
    switch (x->kind) {
      case Value::Kind::Object:
      case Value::Kind::Dict:
        flatten(x, path, depth + 1, out, bad);
        break;
      case Value::Kind::None:
        out[path] = std::monostate{};
        break;
      case Value::Kind::Bool:
        out[path] = x->b;
        break;
      case Value::Kind::Int:
        out[path] = x->i;
        break;
      case Value::Kind::Float:
        out[path] = x->f;
        break;
      case Value::Kind::Str:
        out[path] = x->s;
        break;
      case Value::Kind::Tensor:
        out[path] = x->tensor;
        break;
      default:
        break;
    }
  }
}

}  // namespace

Archive Archive::read(const std::vector<std::uint8_t>& bytes, const std::string& bad) {
  Archive a;
  a.bytes_ = &bytes;
  a.bad_ = bad;
  const std::string error = checkZipArchive(bytes, a.entries_);
  if (!error.empty()) throw ModelError(bad + error);
  // "<name>/data.pkl": the archive's one pickle of its module.
  const ZipEntry* pickle = nullptr;
  for (const auto& [name, e] : a.entries_) {
    const auto slash = name.find('/');
    if (slash != std::string::npos && name.substr(slash) == "/data.pkl") {
      a.prefix_ = name.substr(0, slash + 1);
      pickle = &e;
    }
  }
  if (!pickle) throw ModelError(bad + "not a LibTorch archive (no data.pkl)");
  Unpickler u(bytes.data() + pickle->offset, pickle->size, bad);
  const ValuePtr root = u.run();
  if (root->kind != Value::Kind::Object) throw ModelError(bad + "data.pkl does not hold a module");
  flatten(root, "", 0, a.values_, bad);
  return a;
}

const std::string& Archive::string(const std::string& path) const {
  const auto it = values_.find(path);
  if (it == values_.end() || !std::holds_alternative<std::string>(it->second))
    throw ModelError(bad_ + "no text '" + path + "'");
  return std::get<std::string>(it->second);
}

std::int64_t Archive::integer(const std::string& path) const {
  const auto it = values_.find(path);
  if (it == values_.end() || !std::holds_alternative<std::int64_t>(it->second))
    throw ModelError(bad_ + "no integer '" + path + "'");
  return std::get<std::int64_t>(it->second);
}

void Archive::copyTensor(const std::string& path, torch::Tensor& dst, const std::string& where,
                         const std::string& needs) const {
  const auto it = values_.find(path);
  if (it == values_.end() || !std::holds_alternative<TensorRef>(it->second))
    throw ModelError(where + "'" + path + "' is missing for " + needs);
  const TensorRef& t = std::get<TensorRef>(it->second);
  if (t.sizes != dst.sizes().vec())
    throw ModelError(where + "'" + path + "' has shape " + tensorfile::shapeString(t.sizes) +
                     " but " + needs + " needs " + tensorfile::shapeString(dst.sizes()));
  if (t.dtype != dst.scalar_type()) throw ModelError(where + "'" + path + "' has the wrong type");
  const auto e = entries_.find(prefix_ + "data/" + t.storage);
  if (e == entries_.end()) throw ModelError(where + "'" + path + "': its storage is missing");
  const std::int64_t element = static_cast<std::int64_t>(c10::elementSize(t.dtype));
  const std::int64_t storageNumel = static_cast<std::int64_t>(e->second.size) / element;
  // The highest element the view reaches must lie inside the storage.
  std::int64_t last = t.offset;
  bool empty = false;
  if (t.offset < 0) throw ModelError(where + "'" + path + "' lies outside its storage");
  for (std::size_t d = 0; d < t.sizes.size(); ++d) {
    if (t.sizes[d] == 0) empty = true;
    if (t.strides[d] < 0 || t.strides[d] > storageNumel || t.sizes[d] > storageNumel + 1)
      throw ModelError(where + "'" + path + "' lies outside its storage");
    std::int64_t reach = 0;
    if (t.sizes[d] > 0 && (__builtin_mul_overflow(t.sizes[d] - 1, t.strides[d], &reach) ||
                           __builtin_add_overflow(last, reach, &last)))
      throw ModelError(where + "'" + path + "' lies outside its storage");
  }
  if (!empty && last >= storageNumel)
    throw ModelError(where + "'" + path + "' lies outside its storage");
  torch::NoGradGuard guard;
  auto storage = torch::empty({storageNumel}, torch::TensorOptions().dtype(t.dtype));
  std::memcpy(storage.data_ptr(), bytes_->data() + e->second.offset,
              static_cast<std::size_t>(storageNumel * element));
  if (!empty) dst.copy_(storage.as_strided(t.sizes, t.strides, t.offset));
}

}  // namespace sdd::legacy
