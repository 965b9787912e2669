import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunningStack } from './stack';

/** A stand-in photo of a street scene (drawn in the browser: no binary fixture). */
export async function scenePhoto(browser: Browser, emoji: string): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 640, height: 480 } });
  await page.setContent(
    `<body style="margin:0;height:480px;background:linear-gradient(#bcd7e6 0 45%,#9aa3a6 45% 100%);` +
      `display:flex;align-items:flex-end;justify-content:center;font-size:180px">${emoji}</body>`,
  );
  const photo = await page.screenshot({ type: 'png' });
  await page.close();
  return photo;
}

/** One photo uploaded ahead, as the mini-program does before a report or a resolution: its id. */
export async function uploadPhoto(stack: RunningStack, token: string, photo: Buffer): Promise<string> {
  const form = new FormData();
  form.append('photos', new Blob([photo], { type: 'image/png' }), 'evidence.png');
  const uploaded = await fetch(`${stack.baseUrl}/api/photos`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  assert.equal(uploaded.status, 201);
  return ((await uploaded.json()) as { id: string }).id;
}

/** A resident's report as the mini-program sends it: the photo first, then the JSON report. */
export async function reportWithPhoto(
  stack: RunningStack,
  token: string,
  photo: Buffer,
  report: { category: string; lat: number; lng: number; address: string; description: string; key: string },
): Promise<{ id: string; assigneeId: string | null }> {
  const photoId = await uploadPhoto(stack, token, photo);
  const { key, ...fields } = report;
  const created = await fetch(`${stack.baseUrl}/api/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
    body: JSON.stringify({ ...fields, photoIds: [photoId] }),
  });
  assert.equal(created.status, 201);
  return (await created.json()) as { id: string; assigneeId: string | null };
}
