// cxx_basic.cc - the C++ library as applications use it: iostream
// formatting, std::string, containers (vector, map, unordered_map, set,
// deque), algorithms (sort, stable_sort, binary_search, accumulate),
// virtual dispatch through vtables, templates, lambdas and std::function,
// smart pointers, static initialisation order (constructors run by
// __libc_start_main through .init_array).
#include <algorithm>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <deque>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

struct GlobalInit {
    int value;
    GlobalInit() : value(42) { std::cout << "global constructor ran\n"; }
    ~GlobalInit() { std::cout << "global destructor ran\n"; }
};
static GlobalInit g_init;

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual std::string name() const { return "shape"; }
};
struct Rect : Shape {
    double w, h;
    Rect(double w_, double h_) : w(w_), h(h_) {}
    double area() const override { return w * h; }
    std::string name() const override { return "rect"; }
};
struct Square : Rect {
    explicit Square(double s) : Rect(s, s) {}
    std::string name() const override { return "square"; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double r_) : r(r_) {}
    double area() const override { return 3.14159265358979 * r * r; }
};

template <typename T, int N> struct Fixed {
    T data[N];
    constexpr int size() const { return N; }
    T sum() const { T s{}; for (int i = 0; i < N; i++) s += data[i]; return s; }
};
template <typename T> T maximum(T a, T b) { return a < b ? b : a; }

int main()
{
    std::cout << "g_init.value=" << g_init.value << "\n";
    std::cout << std::setw(8) << 42 << "|" << std::left << std::setw(8) << "left" << "|" << std::right
              << std::hex << 255 << std::dec << "|" << std::fixed << std::setprecision(3) << 3.14159
              << "|" << std::scientific << 12345.678 << std::defaultfloat << "|" << 0.1 << "\n";
    std::cout << std::setprecision(17) << 0.1 << " " << 1.0 / 3 << std::setprecision(6) << "\n";

    std::string s = "Hello";
    s += ", ";
    s.append("world");
    s.insert(0, ">> ");
    std::cout << s << " len=" << s.size() << " find=" << s.find("world") << " substr=" << s.substr(3, 5) << "\n";
    std::string big(1000, 'x');
    big.replace(10, 5, "REPLACED");
    std::cout << "big size " << big.size() << " at 10: " << big.substr(10, 8) << "\n";
    std::ostringstream os;
    for (int i = 0; i < 5; i++) os << i * i << ",";
    std::cout << "stringstream: " << os.str() << "\n";
    std::istringstream is("10 20 30 abc");
    int a, b, c;
    std::string w;
    is >> a >> b >> c >> w;
    std::cout << "parsed " << a + b + c << " " << w << "\n";

    std::vector<int> v;
    for (int i = 0; i < 1000; i++) v.push_back((i * 7919) % 1009);
    std::sort(v.begin(), v.end());
    std::cout << "vector sorted front=" << v.front() << " back=" << v.back()
              << " sum=" << std::accumulate(v.begin(), v.end(), 0L)
              << " has 500: " << std::binary_search(v.begin(), v.end(), 500) << "\n";
    std::vector<std::pair<int, std::string>> pv = {{3, "c"}, {1, "a"}, {3, "a"}, {2, "b"}, {1, "z"}};
    std::stable_sort(pv.begin(), pv.end(), [](auto &x, auto &y) { return x.first < y.first; });
    for (auto &p : pv) std::cout << p.first << p.second << " ";
    std::cout << "\n";

    std::map<std::string, int> m;
    for (const char *word : {"pear", "apple", "fig", "apple", "kiwi", "pear", "apple"}) m[word]++;
    for (auto &kv : m) std::cout << kv.first << "=" << kv.second << " ";
    std::cout << "\n";
    std::unordered_map<int, int> um;
    for (int i = 0; i < 10000; i++) um[i % 777] += i;
    long total = 0;
    for (auto &kv : um) total += kv.second;
    std::cout << "unordered_map size=" << um.size() << " total=" << total << " um[5]=" << um[5] << "\n";
    std::set<int> st(v.begin(), v.end());
    std::deque<int> dq;
    for (int i = 0; i < 10; i++) { dq.push_front(i); dq.push_back(-i); }
    std::cout << "set size " << st.size() << " deque front " << dq.front() << " back " << dq.back() << "\n";

    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.emplace_back(new Rect(2, 3));
    shapes.emplace_back(new Square(4));
    shapes.emplace_back(new Circle(1));
    double area = 0;
    for (auto &sh : shapes) {
        std::cout << sh->name() << ":" << sh->area() << " ";
        area += sh->area();
    }
    std::cout << "total area " << area << "\n";
    auto sp = std::make_shared<Rect>(1, 2);
    std::shared_ptr<Shape> base = sp;
    std::cout << "shared use_count " << sp.use_count() << " dynamic_cast to Square: "
              << (dynamic_cast<Square *>(base.get()) != nullptr) << "\n";

    Fixed<int, 5> f{{1, 2, 3, 4, 5}};
    Fixed<double, 3> fd{{0.5, 0.25, 0.125}};
    std::cout << "templates " << f.size() << " " << f.sum() << " " << fd.sum() << " " << maximum(3, 9)
              << " " << maximum<std::string>("abc", "abd") << "\n";
    std::function<int(int)> fib = [&](int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); };
    int captured = 10;
    auto add = [captured](int x) { return x + captured; };
    std::cout << "fib(20)=" << fib(20) << " lambda " << add(5) << "\n";
    std::vector<int> t(20);
    std::iota(t.begin(), t.end(), 1);
    t.erase(std::remove_if(t.begin(), t.end(), [](int x) { return x % 3 == 0; }), t.end());
    std::transform(t.begin(), t.end(), t.begin(), [](int x) { return x * x; });
    for (int x : t) std::cout << x << " ";
    std::cout << std::endl;
    return 0;
}
