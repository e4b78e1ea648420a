/**
 * The device's qetag (duplicate detection before a file is sent) cannot be trusted where storage cannot
 * check it (S3: its ETag is an MD5). A false claim must never hide or replace another photo, nor tell the
 * device about photos it cannot see; where storage can check it (the embedded store and Qiniu answer the
 * qetag as the stored hash), a false one is dropped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { qetag } from '../storage/qetag.js';
import { signUpAndGetToken } from '../test/auth.js';
import { createTestDeps } from '../test/deps.js';
import { joinHome } from '../test/homes.js';
import { makeJpeg, postToStorage } from '../test/photos.js';
import { type S3Home, s3Home, ticketFor } from '../test/s3-home.js';

const CLAIM = 'FsameclaimFsameclaimFsamecla';

type Member = Awaited<ReturnType<typeof signUpAndGetToken>>;

/** uploads.create with the device's qetag, the bytes sent as the ticket says, then confirm. */
async function send(who: Member, homeId: string, bytes: Buffer, claimed: string) {
  const ticket = await ticketFor(who.caller, homeId, { size: bytes.length, qetag: claimed });
  expect((await postToStorage(ticket, bytes)).status).toBe(200);
  return who.caller.uploads.confirm({ homeId, key: ticket.key });
}

const create = (who: Member, homeId: string, size: number, claimed: string) =>
  who.caller.uploads.create({ homeId, files: [{ filename: 'g.jpg', size, mime: 'image/jpeg', qetag: claimed }] });

describe('a false qetag on an S3 bucket', () => {
  let home: S3Home;
  afterEach(async () => {
    await home.close();
  });

  it('claimed first by another member, neither hides the real photo nor replaces it', async () => {
    home = await s3Home();
    const mom = home.owner;
    const dad = await signUpAndGetToken(home.deps, 'dad');
    await joinHome(mom, dad, 'member');
    const real = await makeJpeg(64, 48);
    const fake = await makeJpeg(40, 30);
    const realQetag = qetag(real);
    // Dad's device claims the real photo's qetag for other bytes, before mom uploads it.
    const planted = await send(dad, mom.homeId, fake, realQetag);
    expect(planted.duplicate).toBe(false);
    // Mom is not told "you have it already" (even with the same size declared): her photo goes in.
    for (const size of [real.length, fake.length]) {
      expect((await create(mom, mom.homeId, size, realQetag)).tickets[0]?.kind).toBe('upload');
    }
    const mine = await send(mom, mom.homeId, real, realQetag);
    expect(mine.duplicate).toBe(false);
    expect(mine.photo.id).not.toBe(planted.photo.id);
    const list = await mom.caller.photos.list({ homeId: mom.homeId });
    expect(list.items.map((p) => p.id).sort()).toEqual([planted.photo.id, mine.photo.id].sort());
    // Dad's own claims still find his own upload (a claim misleads only its uploader).
    expect((await create(dad, mom.homeId, fake.length, realQetag)).tickets).toEqual([
      { kind: 'duplicate', photoId: planted.photo.id },
    ]);
  });

  it('of one’s own earlier photo does not drop the bytes at confirm', async () => {
    home = await s3Home();
    const mom = home.owner;
    const first = await makeJpeg(64, 48);
    const second = await makeJpeg(40, 30);
    const one = await send(mom, mom.homeId, first, CLAIM);
    // A second photo of another size with the same claim is sent, and is kept: only the bytes' MD5 counts.
    const two = await send(mom, mom.homeId, second, CLAIM);
    expect(two).toMatchObject({ duplicate: false });
    expect(two.photo.id).not.toBe(one.photo.id);
  });
});

describe('a qetag on the embedded store (checkable)', () => {
  it('drops a false claim, and never names a trashed photo the caller cannot see', async () => {
    const deps = await createTestDeps();
    const mom = await signUpAndGetToken(deps, 'mom');
    const dad = await signUpAndGetToken(deps, 'dad');
    const aunt = await signUpAndGetToken(deps, 'aunt');
    await joinHome(mom, dad, 'member');
    await joinHome(mom, aunt, 'member');
    const bytes = await makeJpeg(64, 48);
    const other = await makeJpeg(40, 30);
    const lying = await send(aunt, mom.homeId, other, qetag(bytes));
    const rows = await deps.db.selectFrom('photos').select(['id', 'qetag', 'etag']).execute();
    expect(rows).toEqual([{ id: lying.photo.id, qetag: null, etag: qetag(other) }]);
    // Dropped: the real photo is not taken for the aunt's.
    expect((await create(mom, mom.homeId, bytes.length, qetag(bytes))).tickets[0]?.kind).toBe('upload');

    const dads = await send(dad, mom.homeId, bytes, qetag(bytes));
    const dadsRow = await deps.db
      .selectFrom('photos')
      .select('qetag')
      .where('id', '=', dads.photo.id)
      .executeTakeFirst();
    expect(dadsRow).toEqual({ qetag: qetag(bytes) });
    await dad.caller.photos.trash({ homeId: mom.homeId, ids: [dads.photo.id] });
    // In dad's trash: the aunt (a member) cannot see it, so she is not told of it and her copy goes in.
    expect((await create(aunt, mom.homeId, bytes.length, qetag(bytes))).tickets[0]?.kind).toBe('upload');
    const hers = await send(aunt, mom.homeId, bytes, qetag(bytes));
    expect(hers.duplicate).toBe(false);
    // Dad and mom (the owner sees all the trash) are.
    for (const who of [dad, mom]) {
      expect((await create(who, mom.homeId, bytes.length, qetag(bytes))).tickets).toEqual([
        { kind: 'duplicate', photoId: dads.photo.id },
      ]);
    }
  });
});
