// The project's HTML validity rules: html-validate's recommended set, less what is a matter of style.
import { HtmlValidate } from 'html-validate';

export const htmlValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // The renderer writes the lower-case doctype the HTML standard itself uses.
    'doctype-style': 'off',
    // Kita writes void elements as <input/>; both forms are valid HTML.
    'void-style': 'off',
    // French typography puts a no-break space before « : » and after «; it is text, not an error.
    'no-trailing-whitespace': 'off',
    // An explicit for= on a label that also wraps its control helps speech-input tools; it is not an error.
    'no-redundant-for': 'off',
    // A group of checkboxes shares one name by design.
    'form-dup-name': ['error', { shared: ['radio', 'button', 'reset', 'submit', 'checkbox'] }],
  },
});
