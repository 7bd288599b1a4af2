// A data table as every page writes one: a caption, column headers with their scope, then the rows.
import type { Children } from '@kitajs/html';

/** Ids for the captions that name the scrolling boxes, unique within a page whatever its tables' captions. */
let captions = 0;

/**
 * The table scrolls inside its own box when it is wider than the screen (WCAG 1.4.10: the page itself never scrolls
 * sideways). The box takes focus, so a keyboard can scroll it too, and is a group named by the caption that screen
 * readers announce on focus. Not a region landmark: a page's landmarks need distinct names, and captions can repeat.
 */
export function DataTable({ caption, headers, children }: { caption: JSX.Element; headers: JSX.Element[]; children?: Children }) {
  const captionId = `table-caption-${++captions}`;
  return (
    <div class="table-scroll" role="group" aria-labelledby={captionId} tabindex="0">
      <table>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {headers.map((header) => (
              <th scope="col">{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
