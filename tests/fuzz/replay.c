/* replay.c - run a fuzz target once on each file named, without libFuzzer:
 * the regression tests for inputs the fuzzer has found, and its seeds.
 * Prints how many inputs ran; any crash is the test failing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	int ran = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		size_t cap = 1 << 16, len = 0, n;
		uint8_t *buf = malloc(cap);
		while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
			len += n;
			if (len == cap)
				buf = realloc(buf, cap *= 2);
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		ran++;
	}
	printf("replayed %d inputs\n", ran);
	return 0;
}
