# `make package`: a Debian package made by CPack's DEB generator from the install rules of the targets (both
# binaries, the translations, the .desktop file, the hicolor icon, the AppStream metainfo and the man page).
# Run-time dependencies are computed from the shared libraries the binaries link (dpkg-shlibdeps), never
# listed by hand.

# Identity for software centres. The component id is reverse-DNS of the project's home, as AppStream asks; the
# screenshots are the ones in docs/, fetched by software centres from the published repository.
set(IMGOPT_APP_ID "io.github.imgopt.imgopt" CACHE STRING "AppStream component id")
set(IMGOPT_HOMEPAGE_URL "https://github.com/imgopt/imgopt" CACHE STRING "Project home page")
set(IMGOPT_SCREENSHOT_BASE_URL "https://raw.githubusercontent.com/imgopt/imgopt/main/docs"
    CACHE STRING "Where software centres fetch the docs/ screenshots from")
# The date of the release PROJECT_VERSION names; with the version, it goes into the AppStream release list.
set(IMGOPT_RELEASE_DATE "2026-11-29")

configure_file(${PROJECT_SOURCE_DIR}/resources/imgopt.metainfo.xml.in
               ${PROJECT_BINARY_DIR}/resources/${IMGOPT_APP_ID}.metainfo.xml @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/resources/${IMGOPT_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME imgopt)
set(CPACK_PACKAGE_VENDOR "The ImgOpt developers")
set(CPACK_PACKAGE_CONTACT "The ImgOpt developers <dev@imgopt.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "batch image optimizer that never makes a file bigger")
# The summary above becomes the first line; an empty line here becomes Debian's " ." paragraph break.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "ImgOpt makes folders of images smaller, fast, without losing quality or data.
It re-encodes JPEG, PNG, WebP, AVIF, HEIC, TIFF and GIF files with libvips,
keeping their format or converting them, with optional resizing and metadata
rules. Originals are never touched unless asked to, and every output is
checked before it is saved.

This package holds the desktop app (imgopt-gui) and the command-line tool
(imgopt).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${IMGOPT_HOMEPAGE_URL})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The one dependency no linked library reveals: Qt loads its SVG icon engine (the app icon, in the window and
# from the hicolor theme) as a plugin at run time. CPack adds it to what dpkg-shlibdeps computes.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
# Qt's own dialogs (file chooser buttons and the like) in the user's language; the app's texts are its own.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
# Release binaries without their debug sections, as Debian ships them.
set(CPACK_STRIP_FILES ON)
include(CPack)
