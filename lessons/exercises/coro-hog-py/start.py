# Three asyncio tasks share one thread. task-2 and task-3 tick every
# 0.1 s, each turn saying how late it came. task-1 fetches 3 pieces that
# take 0.4 s each, but it waits for them with time.sleep(), which blocks
# the whole thread: the event loop cannot run anyone else meanwhile.
import asyncio
import time

begun = time.monotonic()


async def fetch():               # task-1
    for piece in range(1, 4):
        time.sleep(0.4)          # waiting for a piece to arrive
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
