"""forklore's start-up module for `run python`.

forklore puts this file's directory first on PYTHONPATH, so every Python
process of a run loads it before the lesson's listing: the root, and the
children that spawn and forkserver start as new interpreters. It does
three things, and the listing shows none of them:

- It names each thread and process in the kernel (prctl PR_SET_NAME) as
  Python names it (threads only before 3.14, which names them itself): MainProcess, Process-1, ForkPoolWorker-2, Thread-1
  (run_thread), forkserver (cut to the kernel's 15 bytes, keeping a final
  number: ForkPoolWorke-2); so /proc, ps and forklore's monitor show the
  names the listing uses. CPython 3.11 leaves them all "python3".
- It writes each line of print() and of tracebacks in one write(), tagged
  with the writer's PID, TID and name, as forklore's C demos do, so lines
  from different processes never mix.
- It scales time.sleep() by forklore's speed (--speed 0: no sleeps).

Then it loads the sitecustomize it hides, if the system has one.
"""
import _thread
import os
import sys

_START, _SEP = "\x01", "\x02"
_names = {}                  # TID -> the kernel name we gave it
_libc = None               # prctl(), once it is needed


def _tid():
    return _thread.get_native_id()


def _whole(raw, size):
    """The first size bytes of UTF-8 raw, without a character cut in two
    (a Chinese character is three bytes)."""
    return raw[:size].decode("utf-8", "ignore").encode("utf-8")


def _short(name):
    """The name cut to the kernel's 15 bytes, keeping a final number:
    ForkPoolWorker-12 becomes ForkPoolWork-12, not ForkPoolWorker-."""
    raw = name.encode("utf-8", "replace")
    if len(raw) <= 15:
        return raw
    stem, dash, number = raw.rpartition(b"-")
    if dash and stem and number.isdigit() and len(number) < 8:
        return _whole(stem, 15 - 1 - len(number)) + b"-" + number
    return _whole(raw, 15)


def _prctl():
    """libc's prctl, callable from Python. Built on _ctypes, the C part of
    ctypes: importing ctypes itself would cost each run over a
    millisecond more. ctypes proper if that fails."""
    try:
        import _ctypes

        class Lib:
            _handle = _ctypes.dlopen(None, 2)         # RTLD_NOW

        class Int(_ctypes._SimpleCData):
            _type_ = "i"

        class Function(_ctypes.CFuncPtr):
            _flags_ = _ctypes.FUNCFLAG_CDECL
            _restype_ = Int

        return Function(("prctl", Lib()))
    except Exception:
        import ctypes
        return ctypes.CDLL(None).prctl


def _set_name(name):
    """Give the calling thread a kernel name (at most 15 bytes)."""
    global _libc
    raw = _short(name)
    try:
        if _libc is None:
            _libc = _prctl()
        _libc(15, raw, 0, 0, 0)                 # 15: PR_SET_NAME
    except Exception:
        return
    _names[_tid()] = raw.decode("utf-8", "replace")


def _name():
    tid = _tid()
    name = _names.get(tid)
    if name is None:
        try:
            with open("/proc/thread-self/comm", "rb") as f:
                name = f.read().decode("utf-8", "replace").strip()
        except OSError:
            name = "python3"
        _names[tid] = name
    return name


class _Tagged:
    """A text stream on fd that writes whole tagged lines."""

    encoding = "utf-8"
    errors = "backslashreplace"
    newlines = None
    line_buffering = True

    def __init__(self, fd, name):
        self._fd = fd
        self.name = name
        self._partial = {}       # TID -> the line written so far
        self.buffer = _Bytes(self)

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not "
                            + type(text).__name__)
        tid = _tid()
        text = self._partial.pop(tid, "") + text
        *lines, rest = text.split("\n")
        for line in lines:
            self._emit(tid, line)
        if rest:
            self._partial[tid] = rest
        return len(text)

    def _emit(self, tid, line):
        tag = "%s%d %d %s%s" % (_START, os.getpid(), tid, _name(), _SEP)
        data = line.encode("utf-8", "backslashreplace")
        # One write per line, under PIPE_BUF, so it arrives whole.
        for at in range(0, max(len(data), 1), 3000):
            chunk = tag.encode() + data[at:at + 3000] + b"\n"
            while chunk:
                try:
                    chunk = chunk[os.write(self._fd, chunk):]
                except InterruptedError:
                    continue

    def flush(self):
        # A line still unfinished is written as a line of its own.
        tid = _tid()
        rest = self._partial.pop(tid, None)
        if rest:
            self._emit(tid, rest)

    def forget_partials(self):
        self._partial.clear()

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def fileno(self):
        return self._fd

    def isatty(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return True

    def seekable(self):
        return False

    @property
    def closed(self):
        return False

    def close(self):
        self.flush()


class _Bytes:
    """sys.stdout.buffer: bytes in, decoded and tagged like text."""

    def __init__(self, text):
        self._text = text

    def write(self, data):
        self._text.write(bytes(data).decode("utf-8", "replace"))
        return len(data)

    def flush(self):
        self._text.flush()

    def fileno(self):
        return self._text.fileno()


def _wrap(module, attribute, before):
    """Call before(*args) ahead of module.attribute(*args)."""
    original = getattr(module, attribute, None)
    if original is None or getattr(original, "_forklore", False):
        return

    def wrapper(*args, **kwargs):
        try:
            before(*args)
        except Exception:
            pass
        return original(*args, **kwargs)

    wrapper._forklore = True
    setattr(module, attribute, wrapper)


def _patch_threading(threading):
    # Each new thread takes its Python name as it starts; since 3.14
    # CPython does that itself (with _thread.set_name), and is left alone.
    if hasattr(_thread, "set_name"):
        return
    _wrap(threading.Thread, "_bootstrap_inner",
          lambda thread: _set_name(thread.name))


def _patch_process(process):
    # A multiprocessing child takes its Process's name as it starts.
    _wrap(process.BaseProcess, "_bootstrap",
          lambda proc, *rest: _set_name(proc.name))


def _patch_forkserver(module):
    _wrap(module, "main", lambda *args: _set_name("forkserver"))


def _patch_tracker(module):
    _wrap(module, "main", lambda *args: _set_name("resource_tracker"))


_PATCHES = {
    "threading": _patch_threading,
    "multiprocessing.process": _patch_process,
    "multiprocessing.forkserver": _patch_forkserver,
    "multiprocessing.resource_tracker": _patch_tracker,
}


class _AfterImport:
    """Patch a module of _PATCHES when it has been imported."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in _PATCHES:
            return None
        import importlib.util
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        run = loader.exec_module

        def exec_module(module):
            run(module)
            _PATCHES[fullname](module)

        loader.exec_module = exec_module
        return spec


def _slow_down(speed):
    import time
    sleep = time.sleep

    def scaled(seconds):
        return sleep(seconds * speed)

    time.sleep = scaled


def _hand_on():
    """Load the sitecustomize this one hides, if there is one."""
    import importlib.machinery
    import importlib.util
    here = os.path.dirname(os.path.abspath(__file__))
    path = [p for p in sys.path if os.path.abspath(p or ".") != here]
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", path)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


def _start():
    if sys.version_info < (3, 9):
        os.write(2, b"run python needs Python 3.9 or later; this is "
                 + sys.version.split()[0].encode() + b"\n")
        os._exit(2)
    for fd, attr in ((1, "stdout"), (2, "stderr")):
        stream = _Tagged(fd, "<%s>" % attr)
        setattr(sys, attr, stream)
        setattr(sys, "__%s__" % attr, stream)
    os.register_at_fork(after_in_child=lambda: (
        _names.clear(), sys.stdout.forget_partials(),
        sys.stderr.forget_partials()))
    import atexit
    atexit.register(lambda: (sys.stdout.flush(), sys.stderr.flush()))
    try:
        speed = float(os.environ.get("FORKLORE_SPEED", "1"))
    except ValueError:
        speed = 1.0
    if speed != 1.0:
        _slow_down(speed)
    sys.meta_path.insert(0, _AfterImport())
    for name, patch in _PATCHES.items():
        if name in sys.modules:
            patch(sys.modules[name])
    if os.environ.get("FORKLORE_ROOT") == str(os.getpid()):
        _set_name("MainProcess")


if os.environ.get("FORKLORE_PYTHON") == "1":
    _start()
try:
    _hand_on()
except Exception:
    pass
