import { describe, expect, it } from 'vitest';
import { runTool, ToolFailedError, ToolMissingError, toolVersion } from './tools.js';

const limits = { timeoutMs: 30_000, maxStdout: 1024 };

describe('runTool', () => {
  it('answers stdout of a program that exits 0', async () => {
    expect((await runTool('printf', ['%s', 'a;b $(echo no shell)'], limits)).toString()).toBe('a;b $(echo no shell)');
  });

  it('names a missing program apart from a failing one', async () => {
    await expect(runTool('/nonexistent/ffmpeg', [], limits)).rejects.toBeInstanceOf(ToolMissingError);
    await expect(runTool('sh', ['-c', 'echo broken >&2; exit 3'], limits)).rejects.toThrow(
      new ToolFailedError('sh failed: broken'),
    );
    expect(await toolVersion('/nonexistent/ffprobe')).toBeNull();
  });

  it('kills a child that writes more than it may, or runs past its deadline', async () => {
    await expect(runTool('head', ['-c', '100000', '/dev/zero'], limits)).rejects.toThrow(/more than 1024 bytes/);
    await expect(runTool('sleep', ['600'], { timeoutMs: 50, maxStdout: 10 })).rejects.toThrow(/took longer than 50 ms/);
  });

  it('reads the version line of an installed ffmpeg', async () => {
    expect(await toolVersion('ffmpeg')).toMatch(/^ffmpeg version /);
  });
});
