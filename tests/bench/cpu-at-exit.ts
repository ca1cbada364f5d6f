/** Loaded with `node --import` by the engine bench: prints the process's whole CPU time as it exits. */
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`cpu-ms=${((user + system) / 1000).toFixed(2)}\n`);
});
