/* Debian's Chromium and the flags every headless run here uses: WebGL through SwiftShader, and
 * none of the background traffic this machine's closed network would refuse. */

/** Where Debian installs Chromium (apt-get install -y chromium). */
export const CHROMIUM = '/usr/bin/chromium';

/** Launch flags for the e2e tests and the UI bench alike. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
