# Almost: task-1 yields to the loop after each piece, with
# await asyncio.sleep(0), so the others get a turn between pieces. But it
# still waits for each piece in time.sleep(), which blocks the thread for
# 0.4 s at a time: the others' turns come up to 0.4 s late.
import asyncio
import time

begun = time.monotonic()


async def fetch():               # task-1
    for piece in range(1, 4):
        time.sleep(0.4)          # waiting for a piece to arrive
        await asyncio.sleep(0)   # then let the others have a turn
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
