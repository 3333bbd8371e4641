/*
 * version.c - `virtnet version`: this tool's version, the running
 * controller's (from the kernel's relay) and the installed controller's
 * (what `virtio-net-controller --version` on PATH prints), so an operator
 * can check both before `virtnet update --start`.
 */
#define _GNU_SOURCE
#include "cli.h"

#define CMD_NAME "version"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ctrl.h"
#include "version.h"

#define CONTROLLER_BIN	"virtio-net-controller"

extern char **environ;

static const struct cli_opt version_opts[] = { { 0 } };

const struct cli_spec cli_version_spec = {
	.name = CMD_NAME,
	.summary = "show the versions of the tool and the controller",
	.opts = version_opts,
};

int virtnet_version_args_parse(int argc, char **argv, char *err, size_t errlen)
{
	return cli_parse(&cli_version_spec, argc, argv, NULL, NULL, err, errlen);
}

/* "virtio-net-controller 0.1.0" -> "0.1.0"; NULL if it is not installed. */
static json_t *installed_version(void)
{
	char *argv[] = { CONTROLLER_BIN, "--version", NULL };
	posix_spawn_file_actions_t fa;
	char buf[128] = "", *v;
	int fds[2], status;
	ssize_t n = 0;
	pid_t pid;

	if (pipe(fds))
		return json_null();
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, CONTROLLER_BIN, &fa, NULL, argv, environ)) {
		pid = -1;
	} else {
		close(fds[1]);
		fds[1] = -1;
		n = read(fds[0], buf, sizeof(buf) - 1);
		waitpid(pid, &status, 0);
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fds[0]);
	if (fds[1] >= 0)
		close(fds[1]);
	if (pid < 0 || n <= 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return json_null();
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	v = strrchr(buf, ' ');
	return json_string(v ? v + 1 : buf);
}

int cmd_version(struct cli *cli, int argc, char **argv)
{
	struct virtnet_ctrl_info info;
	struct virtnet_genl g;
	char err[CLI_ERRLEN];
	json_t *running;
	int ret;

	ret = virtnet_version_args_parse(argc, argv, err, sizeof(err));
	if (ret)
		return cli_parse_done(cli, &cli_version_spec, ret, err);
	if (cli_open(cli, &g))
		return CLI_FAIL;
	ret = virtnet_ctrl_get(&g, &info);
	virtnet_genl_close(&g);
	if (ret)
		return cli_kernel_error(cli, CMD_NAME, &g, ret);
	running = info.state == VIRTNET_CTRL_STATE_RUNNING ?
		  json_string(info.version) : json_null();
	return cli_print_json(cli, CMD_NAME,
			      json_pack("{s:s, s:o, s:o}", "virtnet", VIRTNET_VERSION,
					"controller_running", running,
					"controller_installed", installed_version()));
}
