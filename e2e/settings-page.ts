/** The settings page as a user drives it: the trusted-timestamp section. */
import { openExtensionPage, type Extension } from './browser';

/** Turn trusted timestamps on with these authorities (and optionally their CA chain). */
export async function setTimestamps(ext: Extension, urls: string[], chainPem = ''): Promise<void> {
  const page = await openExtensionPage(ext, 'settings.html');
  const box = page.getByTestId('tsa-enabled');
  if (!(await box.isChecked())) await box.check();
  await page.getByTestId('tsa-urls').fill(urls.join('\n'));
  await page.getByTestId('tsa-chain').fill(chainPem);
  await page.getByTestId('tsa-save').click();
  await page.getByRole('status').waitFor();
  await page.close();
}

/** Whether the timestamp switch shows as on. */
export async function timestampsOn(ext: Extension): Promise<boolean> {
  const page = await openExtensionPage(ext, 'settings.html');
  const box = page.getByTestId('tsa-enabled');
  await box.waitFor();
  const on = await box.isChecked();
  await page.close();
  return on;
}
