/**
 * A file-system error in words an operator can act on. Node's own message
 * repeats the path and the syscall ("EACCES: permission denied, access '…'"),
 * which buries the cause once the StoreError has already named the file.
 */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EROFS':
      return 'the file system is mounted read-only (EROFS)';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder (ENOTDIR)';
    case 'ENOSPC':
      return 'the disk is full (ENOSPC)';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** True for the errors that a chown/chmod (or another DATA_DIR) fixes. */
export function isPermissionError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}
