// An object the API server would refuse is drawn greyed with its error, not dropped.
import { test, expect } from './fixtures';
import { example } from './examples';

test('a misspelt policy stays in the diagram, greyed, titled with its error', async ({ app }) => {
  await app.openFresh();
  await app.setText(example('api-allow').replace('        matchLabels:\n          app: coffeeshop', '        matchLabel:\n          app: coffeeshop'));
  await app.show('Policies');
  const refused = app.shape('rejected:NetworkPolicy:default/api-allow:0');
  await expect(refused).toBeVisible();
  await expect(refused.locator('title')).toHaveText(
    'NetworkPolicy default/api-allow is left out of the analysis: unknown field `matchLabel` in spec.ingress[0].from[0].podSelector; did you mean `matchLabels`?',
  );
  await expect(refused.locator('rect.rm-rejected')).toHaveCount(1);
  // Fixed, it is analysed again and the greyed box goes.
  await app.setText(example('api-allow'));
  await expect(refused).toHaveCount(0);
});
