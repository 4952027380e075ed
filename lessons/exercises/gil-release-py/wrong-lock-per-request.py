# gil-release-py, almost: the big lock taken for one request at a time.
#
# big_lock is a lock of the program's own, for the shared counts: a
# thread must hold it to touch them. Each client serves REQUESTS requests:
# it takes big_lock, counts the request, waits a quarter of a second for
# the reply, a blocking call, and lets big_lock go before the next one. At
# the end, the main thread reports how many were served, and the most
# clients that were waiting at the same moment.
import threading
import time

CLIENTS = 4
REQUESTS = 3
big_lock = threading.Lock()
served = waiting = most_waiting = 0      # touched under big_lock only


def wait_for_reply():
    """The blocking call: a quarter of a second, waiting for a reply."""
    time.sleep(0.25)


def client():
    global served, waiting, most_waiting
    for _ in range(REQUESTS):
        with big_lock:                   # one request at a time
            served += 1
            waiting += 1
            most_waiting = max(most_waiting, waiting)
            wait_for_reply()
            waiting -= 1
    print(f"{threading.current_thread().name}: {REQUESTS} requests served")


threads = [threading.Thread(target=client, name=f"client-{k}")
           for k in range(1, CLIENTS + 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"MainThread: {served} requests served; at most {most_waiting} of "
      f"{CLIENTS} clients were waiting at once")
