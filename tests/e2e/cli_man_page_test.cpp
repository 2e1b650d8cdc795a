// imgopt(1): generated at build time from the options --help prints (src/cli/man_page.cpp), so the two cannot
// drift. Checked both ways on the built page, which must also format without a single groff warning.
#include <regex>
#include <set>

#include "e2e_support.hpp"

using namespace imgopt::test;

namespace {

const fs::path kManPage = IMGOPT_MAN_PAGE;

// Every option name in a text: a word that starts with one or two dashes and a letter.
std::set<std::string> optionsIn(const std::string& text) {
    static const std::regex option(R"((?:^|[\s,\[(])(--?[A-Za-z][A-Za-z0-9-]*))");
    std::set<std::string> found;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), option); it != std::sregex_iterator();
         ++it) {
        found.insert((*it)[1].str());
    }
    return found;
}

// The page as a reader sees it: plain ASCII, no hyphenation and long lines, so every option stays in one
// piece.
ProcessResult render(const fs::path& page) {
    return runProcess(IMGOPT_GROFF,
                      {"-man", "-Tascii", "-P-cbou", "-rHY=0", "-rLL=300n", "-ww", page.string()});
}

}  // namespace

TEST(ManPage, ListsExactlyTheOptionsOfHelp) {
    ASSERT_TRUE(fs::exists(kManPage)) << "the build did not write " << kManPage;
    const auto help = runCli({"--help"});
    ASSERT_EQ(help.exitCode, 0) << describe(help);
    const auto man = render(kManPage);
    ASSERT_EQ(man.exitCode, 0) << describe(man);
    const auto inHelp = optionsIn(help.out);
    const auto inMan = optionsIn(man.out);
    ASSERT_GE(inHelp.size(), 20u) << help.out;
    for (const auto& o : inHelp) EXPECT_TRUE(inMan.count(o)) << o << " is in --help but not in the man page";
    for (const auto& o : inMan) EXPECT_TRUE(inHelp.count(o)) << o << " is in the man page but not in --help";
}

TEST(ManPage, FormatsWithoutWarningsAndHasTheUsualSections) {
    const auto man = render(kManPage);
    ASSERT_EQ(man.exitCode, 0) << describe(man);
    EXPECT_EQ(man.err, "") << "groff warnings";
    for (const char* section : {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"}) {
        EXPECT_NE(man.out.find(std::string("\n") + section + "\n"), std::string::npos) << section;
    }
    EXPECT_NE(man.out.find("imgopt - makes folders of images smaller"), std::string::npos)
        << man.out.substr(0, 600);
    EXPECT_NE(man.out.find("ImgOpt 0.1.0"), std::string::npos) << "the version in the footer";
    // A dash in an option is a real hyphen-minus, so a reader can copy it into a shell.
    const auto utf8 =
        runProcess(IMGOPT_GROFF, {"-man", "-Tutf8", "-P-cbou", "-rHY=0", "-rLL=300n", kManPage.string()});
    EXPECT_NE(utf8.out.find("--keep-metadata"), std::string::npos);
}

TEST(ManPage, TheInstalledCopyIsTheSamePageGzipped) {
    const fs::path gz = kManPage.string() + ".gz";
    ASSERT_TRUE(fs::exists(gz));
    const auto unpacked = runProcess("/bin/gzip", {"-dc", gz.string()});
    ASSERT_EQ(unpacked.exitCode, 0) << describe(unpacked);
    std::ifstream in(kManPage, std::ios::binary);
    const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(unpacked.out, page);
}
