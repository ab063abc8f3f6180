/** The web app's install icons: the sizes browsers ask a web manifest for (Chrome: 192 and 512). */
export const WEB_ICON_SIZES = [192, 512] as const;
export const WEB_ICON_DIR = 'renderer/public/icons';
export const webIconPath = (size: number) => `${WEB_ICON_DIR}/icon-${size}.png`;
