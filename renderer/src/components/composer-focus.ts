/** The composer's textarea id: rows send the focus back to it after a reply, edit or cancel. */
export const COMPOSER_INPUT_ID = 'composer-input';

export function focusComposer(): void {
  document.getElementById(COMPOSER_INPUT_ID)?.focus();
}
