/* hvd: the hv daemon. Everything lives in the core library (hvd-daemon.c)
 * that the tests link too. */
#include "config.h"

#include "hvd-daemon.h"

int
main(int argc, char **argv)
{
	return hvd_main(argc, argv);
}
