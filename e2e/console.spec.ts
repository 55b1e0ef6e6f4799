// The kubectl console: the reference document's whole session typed in order, each output and
// the diagrams after it checked; then a wget that the policy does not admit times out.
import { test, expect } from './fixtures';
import type { Reachmap } from './pages/reachmap';

/** The first match of `re` in `text`, or a failed expectation that shows the text. */
function grab(text: string, re: RegExp): string {
  const m = text.match(re);
  expect(m, `${re} in:\n${text}`).not.toBeNull();
  return m![1];
}

async function startEmpty(app: Reachmap): Promise<void> {
  await app.openFresh();
  await app.setText('');
  await app.show('Services');
}

test('the reference session, typed into the console', async ({ app, page }) => {
  test.setTimeout(120_000);
  await startEmpty(app);

  let out = await app.kubectl('kubectl run nginx --image=nginx --restart=Never --port=80 --expose');
  expect(out).toBe('service/nginx created\npod/nginx created');
  const text = await app.text();
  expect(text).toContain('kind: Service');
  expect(text).toContain('run: nginx');
  await expect(app.shape('svc:default/nginx')).toBeVisible();
  await expect(app.shape('pod:default/nginx')).toBeVisible();

  out = await app.kubectl('kubectl get pod,service');
  expect(out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod\/nginx\s+1\/1\s+Running\s+0\s+\S+\n\nNAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\n/);
  const clusterIp = grab(out, /service\/nginx\s+ClusterIP\s+(10\.\d+\.\d+\.\d+)\s+<none>\s+80\/TCP/);

  out = await app.kubectl('kubectl run busybox --image=busybox --restart=Never -it -- /bin/sh');
  expect(out).toContain("If you don't see a command prompt, try pressing enter.");
  expect(await app.prompt()).toBe('/ #');

  out = await app.kubectl(`wget -O- ${clusterIp}:80`);
  expect(out).toContain(`Connecting to ${clusterIp}:80 (${clusterIp}:80)\nwriting to stdout\n<!DOCTYPE html>`);
  expect(out).toContain('<title>Welcome to nginx!</title>');
  // The flow it tried is the page's chosen flow, with its verdict.
  await expect(app.explanation).toContainText('allowed');
  await app.console.getByRole('button', { name: /allowed: show default\/busybox → default\/nginx:80/ }).click();
  await expect(app.tab('Policies')).toHaveAttribute('aria-selected', 'true');
  await app.show('Services');

  out = await app.kubectl('exit');
  expect(await app.prompt()).toBe('$');

  out = await app.kubectl('kubectl proxy --port=9999');
  expect(out).toBe('Starting to serve on 127.0.0.1:9999');
  out = await app.kubectl('curl -L localhost:9999/api/v1/namespaces/default/services/nginx/proxy');
  expect(out).toMatch(/^<!DOCTYPE html>/);

  out = await app.kubectl(`kubectl patch service nginx -p '{ "spec": {"type": "NodePort"} }'`);
  expect(out).toBe('service/nginx patched');
  expect(await app.text()).toContain('type: NodePort');
  out = await app.kubectl('kubectl get service nginx');
  const nodePort = grab(out, new RegExp(`nginx\\s+NodePort\\s+${clusterIp.replace(/\./g, '\\.')}\\s+<none>\\s+80:(3\\d{4})/TCP`));
  await expect(app.shape('access:default/nginx:node-port')).toContainText(nodePort);

  out = await app.kubectl('kubectl get nodes');
  expect(out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nminikube\s+Ready\s+/);
  out = await app.kubectl('kubectl describe node minikube | grep InternalIP:');
  expect(out.trim()).toBe('InternalIP:  192.168.64.2');
  out = await app.kubectl(`curl 192.168.64.2:${nodePort}`);
  expect(out).toMatch(/^<!DOCTYPE html>/);

  out = await app.kubectl('kubectl run payment-processor --image=nginx --restart=Never \\\n-l app=payment-processor,role=api --port 80');
  expect(out).toBe('pod/payment-processor created');
  out = await app.kubectl('kubectl get pods -o wide');
  expect(out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
  const paymentIp = grab(out, /\npayment-processor\s+1\/1\s+Running\s+0\s+\S+\s+(10\.\d+\.\d+\.\d+)\s+minikube\s+<none>\s+<none>/);

  out = await app.kubectl('kubectl create -f networkpolicy-api-allow.yaml');
  expect(out).toBe('networkpolicy.networking.k8s.io/api-allow created');
  out = await app.kubectl('kubectl get networkpolicy');
  expect(out).toMatch(/^NAME\s+POD-SELECTOR\s+AGE\napi-allow\s+app=payment-processor,role=api\s+\S+$/);
  await app.show('Policies');
  await expect(app.shape('pod:default/payment-processor')).toContainText('ingress isolated');

  // busybox is not app=coffeeshop: the policy drops its connection.
  out = await app.kubectl('kubectl exec -it busybox -- /bin/sh');
  out = await app.kubectl(`wget -O- ${paymentIp}:80`);
  expect(out).toContain(`Connecting to ${paymentIp}:80 (${paymentIp}:80)`);
  expect(out).toContain(`wget: can't connect to remote host (${paymentIp}): Connection timed out`);
  await expect(app.explanation).toContainText('denied');
  await expect(app.explanation).toContainText('api-allow');
  out = await app.kubectl('exit');

  // A coffeeshop pod is admitted.
  out = await app.kubectl('kubectl run coffeeshop --image=busybox --restart=Never -l app=coffeeshop -it -- /bin/sh');
  out = await app.kubectl(`wget -O- ${paymentIp}:80`);
  expect(out).toContain('<!DOCTYPE html>');
  await expect(app.explanation).toContainText('allowed');
  await expect(app.explanation).toContainText('ingress[0].from[0]');
});

test('a wrong command changes nothing and says why', async ({ app }) => {
  await startEmpty(app);
  await app.kubectl('kubectl create service clusterip web --tcp=80:8080');
  const before = await app.text();
  const out = await app.kubectl('kubectl run x --imag=nginx');
  expect(out).toContain('unknown flag: --imag');
  await expect(app.console.locator('.console-out.failed').last()).toBeVisible();
  expect(await app.text()).toBe(before);
});

test('history, completion and the ways to reach a Service', async ({ app, page }) => {
  await startEmpty(app);
  await app.kubectl('kubectl create service nodeport web --tcp=80:8080');
  // Up recalls the last command.
  await app.consoleInput.press('ArrowUp');
  await expect(app.consoleInput).toHaveValue('kubectl create service nodeport web --tcp=80:8080');
  await app.consoleInput.press('ArrowDown');
  await expect(app.consoleInput).toHaveValue('');
  // Tab completes verbs, kinds and names.
  await app.consoleInput.pressSequentially('kubectl desc');
  await app.consoleInput.press('Tab');
  await expect(app.consoleInput).toHaveValue('kubectl describe ');
  await app.consoleInput.pressSequentially('svc w');
  await app.consoleInput.press('Tab');
  await expect(app.consoleInput).toHaveValue('kubectl describe svc web ');
  await app.consoleInput.fill('');

  // Every way to reach web is listed with its command, and each can be tried.
  const reach = app.console.getByTestId('reach');
  await reach.locator('summary').click();
  await expect(reach.getByTestId('way')).toHaveCount(5);
  await expect(reach).toContainText('curl 192.168.64.2:');
  await reach.getByRole('button', { name: 'Try: From a pod, by DNS name' }).click();
  // web selects no pod (app=web): nothing answers.
  await expect(app.console.getByTestId('console-entry').last()).toContainText('wget -O- web.default:80');
  await expect(app.console.getByTestId('console-entry').last()).toContainText('Connection refused');
  expect(await app.prompt()).toBe('/ #');
});

test('the ways to reach a Service follow an edit of the text', async ({ app }) => {
  await startEmpty(app);
  await expect(app.consoleInput).toBeEditable();
  const reach = app.console.getByTestId('reach');
  await reach.locator('summary').click();
  await expect(reach).toContainText('The manifests have no Service yet');
  await app.setText('apiVersion: v1\nkind: Service\nmetadata:\n  name: typed\nspec:\n  type: NodePort\n  ports:\n  - port: 8080\n    nodePort: 31000\n');
  await expect(reach.getByLabel('Service')).toHaveValue('default/typed');
  await expect(reach).toContainText('curl 192.168.64.2:31000');
});
