# Almost: once the master has all 6 results, it puts a stop (None) in
# the task queue. But only one: the worker that takes it ends, and the
# other still waits in get() for a next task, while the master waits in
# join() for it, for ever. Each worker needs a stop of its own.
import queue
import threading
from multiprocessing import Process
from multiprocessing.managers import BaseManager

WORKERS, TASKS, KEY = 2, 6, b"forklore"
tasks, results = queue.Queue(), queue.Queue()


class Master(BaseManager):       # serves the two queues by name
    pass


Master.register("tasks", callable=lambda: tasks)
Master.register("results", callable=lambda: results)


def worker(name, address):
    m = Master(address=address, authkey=KEY)
    m.connect()                  # over TCP, proving it knows the key
    todo, done = m.tasks(), m.results()
    count = 0
    while (n := todo.get()) is not None:     # None: stop
        done.put((n, n * n))
        count += 1
    print(f"{name}: told to stop after {count} tasks")


if __name__ == "__main__":
    server = Master(address=("127.0.0.1", 0), authkey=KEY).get_server()
    print(f"master: listening on 127.0.0.1:{server.address[1]}")
    for n in range(1, TASKS + 1):
        tasks.put(n)
    crew = [Process(target=worker, name=f"worker-{k}",
                    args=(f"worker-{k}", server.address))
            for k in range(1, WORKERS + 1)]
    for p in crew:               # fork them before the server's thread
        p.start()
    threading.Thread(target=server.serve_forever, name="server",
                     daemon=True).start()
    for _ in range(TASKS):
        n, square = results.get()
        print(f"master: result {n}*{n} = {square}")
    tasks.put(None)              # no more tasks: stop
    for p in crew:
        p.join()
