// axe-core in the page (@axe-core/playwright): the end-to-end suites allow no serious or
// critical violation on any page they visit.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** No serious or critical accessibility violation on the page as it is now. */
export async function checkA11y(page: Page, where: string): Promise<void> {
  // Let finite CSS transitions and animations end first (a button fading from its disabled to
  // its primary colour once a field is filled, a dialog zooming in): axe would otherwise measure
  // the contrast of a colour on its way and fail now and then.
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every(
          (animation) =>
            animation.playState !== 'running' ||
            animation.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
        ),
    undefined,
    { timeout: 10_000 },
  );
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${where}`,
  );
}
