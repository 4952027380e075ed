# Almost: task-1 sends its blocking wait to a thread with
# asyncio.to_thread(), so the loop is free and nobody is late. But the
# thread was not needed: the wait is only a sleep, and an
# await asyncio.sleep() waits without any thread.
import asyncio
import time

begun = time.monotonic()


async def fetch():               # task-1
    for piece in range(1, 4):
        await asyncio.to_thread(time.sleep, 0.4)  # in a worker thread
        print(f"task-1: got piece {piece}")


async def ticker(k):             # task-2 and task-3
    due = begun
    for turn in range(1, 7):
        late = time.monotonic() - due
        print(f"task-{k}: turn {turn}, {late:.2f} s late")
        due = time.monotonic() + 0.1
        await asyncio.sleep(0.1)  # the loop runs the others meanwhile


async def main():
    await asyncio.gather(fetch(), ticker(2), ticker(3))


asyncio.run(main())
