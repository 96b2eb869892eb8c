import { render } from "@testing-library/react";
import Markdown from "./markdown";

describe("Markdown", () => {
  it("shows HTML in a message as text, never as elements", () => {
    const { container } = render(<Markdown text={'<img src=x onerror="alert(1)"> and <script>alert(2)</script>'} />);
    expect(container.querySelector("img, script")).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(container.textContent).toContain("<script>alert(2)</script>");
  });

  it("renders Markdown and drops javascript: links", () => {
    const { container } = render(<Markdown text={"**bold** [x](javascript:alert(1)) [ok](https://example.org)"} />);
    expect(container.querySelector("strong")?.textContent).toBe("bold");
    const hrefs = [...container.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).not.toContain("javascript:alert(1)");
    expect(hrefs).toContain("https://example.org");
  });
});
