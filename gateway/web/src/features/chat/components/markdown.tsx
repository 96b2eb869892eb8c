import ReactMarkdown, { type Options } from "react-markdown";

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/**
 * Raw HTML in a message is shown as the text it is: `<img src=x onerror=…>` reads as written and never
 * becomes an element. (react-markdown renders no HTML without rehype-raw; this turns it into text instead
 * of dropping it, so nothing a person wrote disappears.)
 */
export function htmlAsText() {
  return (tree: MdNode) => {
    const visit = (node: MdNode) => {
      if (node.type === "html") {
        node.type = "text";
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}

const plugins: Options["remarkPlugins"] = [htmlAsText];

/** A message's Markdown, rendered safely: no raw HTML, and react-markdown's URL filter drops javascript: links. */
export default function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={plugins} skipHtml={false}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
