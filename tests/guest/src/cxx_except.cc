// cxx_except.cc - C++ exceptions: unwinding through several frames
// (libgcc's DWARF unwinder reads .eh_frame and restores callee-saved
// registers), destructors run in order during unwinding, rethrow, nested
// try, catch by base class, std:: exceptions thrown by the library
// (out_of_range, bad_alloc), noexcept/terminate-free paths, and exceptions
// crossing a function pointer call.
#include <iostream>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

static std::vector<std::string> log_;

struct Guard {
    std::string name;
    explicit Guard(std::string n) : name(std::move(n)) { log_.push_back("enter " + name); }
    ~Guard() { log_.push_back("leave " + name); }
};

struct MyError : std::runtime_error {
    int code;
    MyError(const std::string &m, int c) : std::runtime_error(m), code(c) {}
};

static int depth_thrower(int n)
{
    Guard g("level" + std::to_string(n));
    volatile double keep = n * 1.5; // callee-saved FP state across unwinding
    if (n == 0)
        throw MyError("deep failure", 17);
    int r = depth_thrower(n - 1);
    return r + (int)keep;
}

static void rethrower()
{
    try {
        depth_thrower(3);
    } catch (MyError &e) {
        log_.push_back(std::string("caught and rethrowing: ") + e.what());
        e.code += 1;
        throw;
    }
}

static int (*volatile fp)(int) = depth_thrower;

int main()
{
    try {
        rethrower();
    } catch (const std::runtime_error &e) {
        const MyError *me = dynamic_cast<const MyError *>(&e);
        log_.push_back(std::string("main caught: ") + e.what() + " code " + std::to_string(me ? me->code : -1));
    }
    for (auto &l : log_) std::cout << l << "\n";
    log_.clear();

    try {
        std::vector<int> v(3);
        v.at(10) = 1;
    } catch (const std::out_of_range &e) {
        std::cout << "out_of_range caught\n";
    }
    try {
        std::string s("abc");
        s.substr(10);
    } catch (const std::exception &e) {
        std::cout << "std::exception caught (substr)\n";
    }
    try {
        /* more than the user address space: 2^62 on 64-bit, 3 GiB on a
         * 32-bit guest (a 3G/1G arm kernel's TASK_SIZE is 0xbf000000) */
        size_t huge = sizeof(size_t) == 8 ? (size_t)1 << (sizeof(size_t) * 8 - 2)
                                          : (size_t)0xc0000000u;
        char *p = new char[huge];
        std::cout << "allocated?! " << (void *)p << "\n";
    } catch (const std::bad_alloc &) {
        std::cout << "bad_alloc caught\n";
    }
    int caught = 0;
    for (int i = 0; i < 1000; i++) {
        try {
            if (i % 3 == 0) throw i;
            if (i % 3 == 1) throw std::string("str");
            throw 2.5;
        } catch (int) {
            caught += 1;
        } catch (const std::string &) {
            caught += 100;
        } catch (...) {
            caught += 10000;
        }
    }
    std::cout << "1000 throws, tally " << caught << "\n";
    try {
        fp(2);
    } catch (MyError &e) {
        std::cout << "through function pointer: " << e.what() << " " << e.code << "\n";
    }
    for (auto &l : log_) std::cout << l << "\n";
    try {
        try {
            throw std::logic_error("inner");
        } catch (std::logic_error &) {
            throw std::runtime_error("outer");
        }
    } catch (std::exception &e) {
        std::cout << "nested: " << e.what() << "\n";
    }
    std::exception_ptr ep;
    try { throw MyError("stored", 5); } catch (...) { ep = std::current_exception(); }
    try { std::rethrow_exception(ep); } catch (MyError &e) { std::cout << "exception_ptr: " << e.what() << "\n"; }
    return 0;
}
