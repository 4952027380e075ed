/* descendants.c - signalling every process below this one. The PIDs come
 * from the /proc reader, which only reads; the signals are sent here. */
#include <signal.h>
#include <unistd.h>

#include "descendants.h"
#include "procmon.h"

int descendants_signal(int sig)
{
	struct procmon_tree tree;
	int count = 0;
	if (procmon_scan_live(getpid(), 0, &tree) != 0)
		return -1;
	for (size_t i = 0; i < tree.nprocs; i++)
		if (tree.procs[i].state != 'Z' &&
		    kill(tree.procs[i].pid, sig) == 0)
			count++;
	procmon_tree_free(&tree);
	return count;
}
